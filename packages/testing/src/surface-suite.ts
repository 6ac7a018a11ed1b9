import type { CallToolResult } from '@modelcontextprotocol/client';
import { afterEach, describe, expect, it } from 'vitest';
import { Cleanups, type Connectable, connectInMemory, PROTOCOL_ERAS, textOf } from './connect.js';

/** What `refresh()` answers (as core's `RefreshResult`). */
export interface RefreshResult {
  toolsChanged: boolean;
  resourcesChanged: boolean;
}

/** The adapter options the suite passes (a subset of `BackendMcpOptions`). */
export interface SurfaceSuiteOptions {
  include?: object | readonly object[];
  exclude?: object | readonly object[];
  routeMaps?: readonly object[];
}

/** What the surface suite drives: any adapter. */
export interface SurfaceAdapter extends Connectable {
  tool(
    name: string,
    definition: { description: string; inputSchema?: object },
    handler: (args: Record<string, unknown>) => CallToolResult | Promise<CallToolResult>,
  ): unknown;
  resource(
    name: string,
    uri: string,
    definition: { mimeType?: string; description?: string },
    read: (
      uri: URL,
      variables: Record<string, string | string[]>,
    ) => { contents: Array<{ uri: string; text: string }> },
  ): unknown;
  prompt(
    name: string,
    definition: { description?: string; arguments?: Array<{ name: string; required?: boolean }> },
    get: (args: Record<string, string>) => {
      messages: Array<{ role: 'user'; content: { type: 'text'; text: string } }>;
    },
  ): unknown;
  refresh(): Promise<RefreshResult>;
}

/**
 * An app of the adapter's framework with these routes, written in its idiom:
 *
 * - `GET /config` (tag `settings`) answers `{ theme: 'dark' }`;
 * - `GET /users/:id` answers `{ id, name: 'Ada' }`, or 404 `{ error: 'no such user' }` for id `missing`;
 * - `POST /users` (JSON body `{ name }`) answers 201 `{ id: '2', name }`;
 * - `DELETE /users/:id` answers 204;
 * - `GET /admin/stats` (tag `admin`) answers `{ users: 1 }`;
 * - `GET /internal`, hidden with the adapter's override (`hidden: true`);
 * - `GET /search` with the override {@link SEARCH_OVERRIDE}, answering
 *   `{ q, limit }` from the query string (`limit` a number, or null when absent);
 * - `GET /files/:name` answers `text/plain` `contents of <name>`.
 *
 * `addLateRoute` (where the framework allows routes after start) adds
 * `GET /late` answering `{ late: true }`.
 */
export interface SurfaceFixture {
  create(options: SurfaceSuiteOptions): Promise<{ adapter: SurfaceAdapter; addLateRoute?: () => void }>;
  /** An app with `count` routes `GET /items<n>/:id`, each answering `{ n }`. */
  createLarge(count: number): Promise<{ adapter: SurfaceAdapter }>;
}

/** The `/search` route's override, in every adapter's idiom. */
export const SEARCH_OVERRIDE = {
  name: 'search_everything',
  title: 'Search everything',
  description: 'Full-text search.',
  annotations: { openWorldHint: true },
  inputSchema: {
    type: 'object',
    properties: { q: { type: 'string', description: 'What to look for' }, limit: { type: 'integer' } },
    required: ['q'],
  },
  outputSchema: {
    type: 'object',
    properties: { q: { type: 'string' }, limit: { type: ['integer', 'null'] } },
    required: ['q', 'limit'],
  },
  examples: [{ q: 'ada', limit: 1 }],
};

const STANDARD_TOOLS = [
  'get_config',
  'get_users_by_id',
  'post_users',
  'delete_users_by_id',
  'get_admin_stats',
  'search_everything',
  'get_files_by_name',
];

/** The tool-surface acceptance tests (filters, resources, overrides, hand-written, refresh, pagination) for one adapter. */
export function describeToolSurface(framework: string, fixture: SurfaceFixture): void {
  describe(`${framework} adapter: the tool surface`, () => {
    const cleanups = new Cleanups();
    afterEach(() => cleanups.run());

    async function connect(options: SurfaceSuiteOptions = {}, era = PROTOCOL_ERAS[0]![1]) {
      const created = await fixture.create(options);
      const client = await connectInMemory(created.adapter, cleanups, era);
      return { client, ...created };
    }

    async function toolNames(client: Awaited<ReturnType<typeof connect>>['client']) {
      return (await client.listTools()).tools.map((tool) => tool.name);
    }

    it('lists every route but the hidden one, which cannot be called either', async () => {
      const { client } = await connect();
      expect(await toolNames(client)).toEqual(STANDARD_TOOLS);
      await expect(client.callTool({ name: 'get_internal', arguments: {} })).rejects.toThrow(
        /Unknown tool "get_internal"/,
      );
    });

    it('excludes by path glob and by tag: neither listed nor callable', async () => {
      const { client } = await connect({
        exclude: [{ path: '/users/**', methods: ['DELETE'] }, { tags: ['admin'] }],
      });
      const names = await toolNames(client);
      expect(names).not.toContain('get_admin_stats');
      expect(names).not.toContain('delete_users_by_id');
      expect(names).toContain('get_users_by_id');
      await expect(client.callTool({ name: 'get_admin_stats', arguments: {} })).rejects.toThrow(
        /Unknown tool/,
      );
      await expect(client.callTool({ name: 'delete_users_by_id', arguments: { id: '1' } })).rejects.toThrow(
        /Unknown tool/,
      );
    });

    it('includes by method and tool name only what matches', async () => {
      const { client } = await connect({ include: [{ methods: ['GET'], name: 'get_*' }] });
      expect(await toolNames(client)).toEqual([
        'get_config',
        'get_users_by_id',
        'get_admin_stats',
        'get_files_by_name',
      ]);
      await expect(client.callTool({ name: 'post_users', arguments: { name: 'x' } })).rejects.toThrow(
        /Unknown tool/,
      );
    });

    it('maps GET routes to resources and resource templates that read through the app', async () => {
      const { client } = await connect({
        routeMaps: [
          { methods: ['GET'], path: '/config', as: 'resource' },
          { methods: ['GET'], path: '/users/:id', as: 'resource' },
          { path: '/files/*', as: 'resource' },
          { tags: ['admin'], as: 'exclude' },
        ],
      });
      const names = await toolNames(client);
      expect(names).toEqual(['post_users', 'delete_users_by_id', 'search_everything']);
      const { resources } = await client.listResources();
      expect(resources).toEqual([expect.objectContaining({ uri: 'api://config', name: 'get_config' })]);
      const { resourceTemplates } = await client.listResourceTemplates();
      expect(resourceTemplates.map((template) => template.uriTemplate)).toEqual([
        'api://users/{id}',
        'api://files/{name}',
      ]);

      const config = await client.readResource({ uri: 'api://config' });
      expect(config.contents).toEqual([
        { uri: 'api://config', mimeType: 'application/json', text: '{"theme":"dark"}' },
      ]);
      const user = await client.readResource({ uri: 'api://users/1' });
      expect(JSON.parse((user.contents[0] as { text: string }).text)).toEqual({ id: '1', name: 'Ada' });
      const file = await client.readResource({ uri: 'api://files/notes.txt' });
      expect(file.contents[0]).toMatchObject({ mimeType: 'text/plain', text: 'contents of notes.txt' });
      await expect(client.readResource({ uri: 'api://users/missing' })).rejects.toThrow(
        /Resource not found: api:\/\/users\/missing/,
      );
      await expect(client.readResource({ uri: 'api://nothing' })).rejects.toThrow(/Resource not found/);
      await expect(client.callTool({ name: 'get_config', arguments: {} })).rejects.toThrow(/Unknown tool/);
    });

    it('applies the route overrides: name, title, description with examples, annotations, schemas', async () => {
      const { client } = await connect();
      const search = (await client.listTools()).tools.find((tool) => tool.name === 'search_everything')!;
      expect(search.title).toBe('Search everything');
      expect(search.description).toContain('Full-text search.');
      expect(search.description).toContain('"q": "ada"');
      expect(search.annotations).toMatchObject({ openWorldHint: true, readOnlyHint: true });
      expect(search.inputSchema).toMatchObject({
        properties: { q: { type: 'string', description: 'What to look for' }, limit: { type: 'integer' } },
        required: ['q'],
      });
      expect(search.outputSchema).toMatchObject({ required: ['q', 'limit'] });
      const found = await client.callTool({ name: 'search_everything', arguments: { q: 'ada', limit: 2 } });
      expect(found.structuredContent).toEqual({ q: 'ada', limit: 2 });
      const invalid = await client.callTool({ name: 'search_everything', arguments: { limit: 2 } });
      expect(invalid.isError).toBe(true);
      expect(textOf(invalid)).toContain('"q" is required');
    });

    it('serves hand-written tools, resources and prompts beside the generated ones', async () => {
      const created = await fixture.create({});
      created.adapter.tool(
        'add',
        {
          description: 'Adds two numbers.',
          inputSchema: {
            type: 'object',
            properties: { a: { type: 'number' }, b: { type: 'number' } },
            required: ['a', 'b'],
          },
        },
        (args) => ({ content: [{ type: 'text', text: String((args.a as number) + (args.b as number)) }] }),
      );
      created.adapter.resource('readme', 'docs://readme', { mimeType: 'text/markdown' }, (uri) => ({
        contents: [{ uri: uri.href, text: '# Readme' }],
      }));
      created.adapter.resource('note', 'notes://{id}', {}, (uri, variables) => ({
        contents: [{ uri: uri.href, text: `note ${String(variables.id)}` }],
      }));
      created.adapter.prompt('greet', { arguments: [{ name: 'who', required: true }] }, (args) => ({
        messages: [{ role: 'user', content: { type: 'text', text: `Hello ${args.who}` } }],
      }));
      const client = await connectInMemory(created.adapter, cleanups);
      expect((await toolNames(client)).at(-1)).toBe('add');
      expect(textOf(await client.callTool({ name: 'add', arguments: { a: 1, b: 2 } }))).toBe('3');
      const bad = await client.callTool({ name: 'add', arguments: { a: 1 } });
      expect(bad.isError).toBe(true);
      expect(textOf(bad)).toContain('"b" is required');
      expect((await client.readResource({ uri: 'docs://readme' })).contents).toEqual([
        { uri: 'docs://readme', text: '# Readme' },
      ]);
      expect((await client.readResource({ uri: 'notes://7' })).contents).toEqual([
        { uri: 'notes://7', text: 'note 7' },
      ]);
      const prompt = await client.getPrompt({ name: 'greet', arguments: { who: 'Ada' } });
      expect(prompt.messages).toEqual([{ role: 'user', content: { type: 'text', text: 'Hello Ada' } }]);
      await expect(client.getPrompt({ name: 'greet', arguments: {} })).rejects.toThrow(
        /needs the argument\(s\) who/,
      );
    });

    it.each(PROTOCOL_ERAS)('tells a connected client the tool list changed (%s)', async (_, era) => {
      const created = await fixture.create({});
      const changes: string[][] = [];
      const { Client } = await import('@modelcontextprotocol/client');
      const { InMemoryTransport } = await import('@modelcontextprotocol/server');
      const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
      const handle = await created.adapter.connect(serverSide);
      const client = new Client(
        { name: 'test', version: '1.0.0' },
        {
          ...era,
          listChanged: {
            tools: {
              onChanged: (_error: unknown, tools: Array<{ name: string }> | null) =>
                changes.push((tools ?? []).map((tool) => tool.name)),
            },
          },
        },
      );
      await client.connect(clientSide);
      cleanups.add(
        () => handle.close(),
        () => client.close(),
      );
      expect(await toolNames(client)).not.toContain('get_late');

      let expected: string;
      if (created.addLateRoute) {
        created.addLateRoute();
        expect(await created.adapter.refresh()).toEqual({ toolsChanged: true, resourcesChanged: false });
        expected = 'get_late';
      } else {
        // Fastify cannot add routes after start; a hand-written tool changes the list instead.
        created.adapter.tool('late_tool', { description: 'Added later.' }, () => ({ content: [] }));
        expected = 'late_tool';
      }
      await expect.poll(() => changes.at(-1) ?? [], { timeout: 2000 }).toContain(expected);
      expect(await toolNames(client)).toContain(expected);
      expect(await created.adapter.refresh()).toEqual({ toolsChanged: false, resourcesChanged: false });
    });

    it('paginates tools/list over 1,000 routes (pages of 500) with a stable order and cursor', async () => {
      const { adapter } = await fixture.createLarge(1000);
      const client = await connectInMemory(adapter, cleanups);
      // listTools() without a cursor walks every page itself; the raw request gets the first page alone.
      const first = await client.request({ method: 'tools/list', params: {} });
      const pages: string[][] = [first.tools.map((tool) => tool.name)];
      let cursor = first.nextCursor;
      while (cursor) {
        const page = await client.listTools({ cursor });
        pages.push(page.tools.map((tool) => tool.name));
        cursor = page.nextCursor;
      }
      expect(pages.map((page) => page.length)).toEqual([500, 500]);
      const names = pages.flat();
      expect(new Set(names).size).toBe(1000);
      expect(names[0]).toBe('get_items0_by_id');
      expect(names[999]).toBe('get_items999_by_id');
      const aggregated = await client.listTools();
      expect(aggregated.tools.map((tool) => tool.name)).toEqual(names);
      await expect(client.listTools({ cursor: 'bm90LWEtY3Vyc29y' })).rejects.toThrow(
        /Invalid or outdated cursor/,
      );
      const called = await client.callTool({ name: 'get_items500_by_id', arguments: { id: 'x' } });
      expect(called.structuredContent).toEqual({ n: 500 });
    });
  });
}
