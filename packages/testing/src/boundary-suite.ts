import type { Client } from '@modelcontextprotocol/client';
import { afterEach, describe, expect, it } from 'vitest';
import { Cleanups, type Connectable, connectInMemory, PROTOCOL_ERAS, textOf } from './connect.js';

/** The adapter options the suite passes (a subset of `BackendMcpOptions`). */
export interface BoundarySuiteOptions {
  auth?: object;
  stdioCredentials?: Record<string, string>;
  routeMaps?: readonly object[];
  exclude?: object;
  filter?: (tool: { route: { path: string } }) => boolean;
  toolScopes?: (tool: { name: string }) => readonly string[] | undefined;
}

/** What the suite drives: any adapter, with hand-written tools. */
export interface BoundaryAdapter extends Connectable {
  tool(
    name: string,
    definition: { description: string; scopes?: string[] },
    handler: () => { content: Array<{ type: 'text'; text: string }> },
  ): unknown;
}

/**
 * An app of the adapter's framework with these routes, written in its idiom,
 * in this order. A handler marked "records" pushes its label to `hits` when it
 * runs: those are the routes no tool may reach.
 *
 * - app middleware, first: records `middleware-saw-admin` when a request for
 *   `/users/admin` arrives (a call the router can tell is bound elsewhere must
 *   be refused before the app's middleware sees it);
 * - app middleware: a request for `/users/rewrite-me` is rewritten to
 *   `/users/admin` (Express/Koa: `req.url`/`ctx.path`; Fastify: `rewriteUrl`;
 *   Hono: a middleware sending `new Request(url, c.req.raw)` through `app.fetch`);
 *   the header `x-http-method-override` overrides the method where the
 *   framework allows middleware to (not Fastify);
 * - `GET /users/admin`, hidden, records `hidden-admin`, answers `{ secret: true }`;
 * - `GET /users/:id` answers `{ id }`;
 * - `DELETE /users/all`, scopes `['admin']`, records `delete-all`, answers `{ deleted: 'all' }`;
 * - `DELETE /users/:id` answers `{ deleted: id }`;
 * - `GET /files/secret`, hidden, records `hidden-file`;
 * - `GET /files/<wildcard>` answers `{ path }` (the rest of the path);
 * - `DELETE /things/:id`, hidden, records `hidden-delete`;
 * - `POST /things/:id`, declaring the request header `x-http-method-override`
 *   (so its tool has that argument), answers `{ posted: id }`;
 * - `GET /reports`, scopes `['reports']`, answers `{ reports: [] }`;
 * - `GET /reports/:id`, scopes `['reports']`, answers `{ report: id }`.
 */
export interface BoundaryFixture {
  /** The bearer provider class, as the adapter package exports it. */
  BearerAuthProvider: new (options: {
    tokens: Record<string, { subject?: string; scopes?: string[] }>;
  }) => object;
  create(options: BoundarySuiteOptions): Promise<{ adapter: BoundaryAdapter; hits: string[] }>;
}

const TOKENS = {
  'user-token': { subject: 'user', scopes: [] },
  'admin-token': { subject: 'admin', scopes: ['admin', 'reports'] },
};

const REFUSED = /lead to another route than its own/;

/**
 * The route boundary: a tool (or resource) reaches its own route and nothing
 * else, whatever its arguments, and resources obey scopes and filters as tools do.
 */
export function describeRouteBoundary(framework: string, fixture: BoundaryFixture): void {
  describe(`${framework} adapter: the route boundary`, () => {
    const cleanups = new Cleanups();
    afterEach(() => cleanups.run());

    async function connect(options: BoundarySuiteOptions = {}, era = PROTOCOL_ERAS[0]![1]) {
      const { adapter, hits } = await fixture.create(options);
      const client = await connectInMemory(adapter, cleanups, era);
      return { client, hits };
    }

    function asCaller(token: keyof typeof TOKENS, options: BoundarySuiteOptions = {}) {
      return connect({
        auth: new fixture.BearerAuthProvider({ tokens: TOKENS }),
        stdioCredentials: { authorization: `Bearer ${token}` },
        ...options,
      });
    }

    /** The tool's answer as JSON, or the boundary's refusal as the string 'refused'. */
    async function outcome(client: Client, name: string, args: Record<string, unknown>) {
      const result = await client.callTool({ name, arguments: args });
      if (result.isError) {
        expect(textOf(result)).toMatch(REFUSED);
        return 'refused';
      }
      return result.structuredContent;
    }

    it.each(PROTOCOL_ERAS)(
      'a parametric tool never runs an overlapping hidden route (%s)',
      async (_era, era) => {
        const { client, hits } = await connect({}, era);
        expect((await client.listTools()).tools.map((tool) => tool.name)).not.toContain('get_users_admin');
        expect(await outcome(client, 'get_users_by_id', { id: '7' })).toEqual({ id: '7' });
        // Express, Hono and Koa reach the earlier registration, Fastify the static route: refused everywhere.
        expect(await outcome(client, 'get_users_by_id', { id: 'admin' })).toBe('refused');
        // Express and Koa match case-insensitively; Fastify and Hono send ADMIN to the tool's own route.
        for (const id of ['ADMIN', 'Admin', 'admin/', 'admin%2F']) {
          const answer = await outcome(client, 'get_users_by_id', { id });
          expect(answer === 'refused' || (answer as { id: string }).id === id).toBe(true);
        }
        expect(hits).toEqual([]);
      },
    );

    it('a wildcard tool never runs an overlapping hidden route', async () => {
      const { client, hits } = await connect();
      const tool = (await client.listTools()).tools.find((entry) => entry.name.startsWith('get_files'))!;
      const arg = Object.keys(tool.inputSchema.properties ?? {}).find((name) => name !== 'query')!;
      expect(await outcome(client, tool.name, { [arg]: 'notes/a.txt' })).toEqual({ path: 'notes/a.txt' });
      expect(await outcome(client, tool.name, { [arg]: 'secret' })).toBe('refused');
      expect(hits).toEqual([]);
    });

    it('a caller without a scope never runs the scoped route its own tool overlaps', async () => {
      const { client, hits } = await asCaller('user-token');
      const names = (await client.listTools()).tools.map((tool) => tool.name);
      expect(names).toContain('delete_users_by_id');
      expect(names).not.toContain('delete_users_all');
      expect(await outcome(client, 'delete_users_by_id', { id: '3' })).toEqual({ deleted: '3' });
      expect(await outcome(client, 'delete_users_by_id', { id: 'all' })).toBe('refused');
      expect(hits).toEqual([]);
    });

    it('a tool never runs an overlapping route that exclude left out, even for a caller with every scope', async () => {
      const { client, hits } = await asCaller('admin-token', { exclude: { path: '/users/all' } });
      expect((await client.listTools()).tools.map((tool) => tool.name)).not.toContain('delete_users_all');
      expect(await outcome(client, 'delete_users_by_id', { id: '3' })).toEqual({ deleted: '3' });
      expect(await outcome(client, 'delete_users_by_id', { id: 'all' })).toBe('refused');
      expect(hits).toEqual([]);
    });

    it('app middleware that rewrites the URL or overrides the method cannot send a call to another route', async () => {
      const { client, hits } = await connect();
      expect(await outcome(client, 'get_users_by_id', { id: 'rewrite-me' })).toBe('refused');
      expect(await outcome(client, 'post_things_by_id', { id: '1' })).toEqual({ posted: '1' });
      const overridden = await outcome(client, 'post_things_by_id', {
        id: '1',
        'x-http-method-override': 'DELETE',
      });
      // Fastify routes before any hook runs, so the override changes nothing there.
      expect(overridden === 'refused' || (overridden as { posted: string }).posted === '1').toBe(true);
      expect(hits).toEqual([]);
    });

    it('a resource template never reads an overlapping hidden route', async () => {
      const { client, hits } = await connect({
        routeMaps: [{ methods: ['GET'], path: '/users/:id', as: 'resource' }],
      });
      const user = await client.readResource({ uri: 'api://users/7' });
      expect(JSON.parse((user.contents[0] as { text: string }).text)).toEqual({ id: '7' });
      await expect(client.readResource({ uri: 'api://users/admin' })).rejects.toThrow(REFUSED);
      expect(hits).toEqual([]);
    });

    it('hand-written tools take scopes, and toolScopes applies to them', async () => {
      const run = async (token: keyof typeof TOKENS) => {
        const { adapter } = await fixture.create({
          auth: new fixture.BearerAuthProvider({ tokens: TOKENS }),
          stdioCredentials: { authorization: `Bearer ${token}` },
          toolScopes: (tool) => (tool.name === 'audit' ? ['admin'] : undefined),
        });
        const ran: string[] = [];
        for (const [name, scopes] of [
          ['purge', ['admin']],
          ['audit', undefined],
          ['hello', undefined],
        ] as const) {
          adapter.tool(name, { description: name, ...(scopes ? { scopes: [...scopes] } : {}) }, () => {
            ran.push(name);
            return { content: [{ type: 'text', text: name }] };
          });
        }
        const client = await connectInMemory(adapter, cleanups);
        return { client, ran };
      };
      const user = await run('user-token');
      const names = (await user.client.listTools()).tools.map((tool) => tool.name);
      expect(names).toContain('hello');
      expect(names).not.toContain('purge');
      expect(names).not.toContain('audit');
      await expect(user.client.callTool({ name: 'purge', arguments: {} })).rejects.toThrow(
        /scope\(s\) admin/,
      );
      await expect(user.client.callTool({ name: 'audit', arguments: {} })).rejects.toThrow(
        /scope\(s\) admin/,
      );
      expect(user.ran).toEqual([]);
      const admin = await run('admin-token');
      expect(textOf(await admin.client.callTool({ name: 'purge', arguments: {} }))).toBe('purge');
      expect(textOf(await admin.client.callTool({ name: 'audit', arguments: {} }))).toBe('audit');
    });

    describe('resources obey scopes and filters like tools', () => {
      const routeMaps = [{ methods: ['GET'], path: ['/reports', '/reports/*'], as: 'resource' }];

      it('a caller without the scope neither sees nor reads a scoped resource or template', async () => {
        const { client } = await asCaller('user-token', { routeMaps });
        expect((await client.listResources()).resources.map((entry) => entry.uri)).not.toContain(
          'api://reports',
        );
        expect(
          (await client.listResourceTemplates()).resourceTemplates.map((entry) => entry.uriTemplate),
        ).not.toContain('api://reports/{id}');
        await expect(client.readResource({ uri: 'api://reports' })).rejects.toThrow(
          /needs the scope\(s\) reports/,
        );
        await expect(client.readResource({ uri: 'api://reports/1' })).rejects.toThrow(
          /needs the scope\(s\) reports/,
        );
      });

      it('a caller with the scope sees and reads them', async () => {
        const { client } = await asCaller('admin-token', { routeMaps });
        expect((await client.listResources()).resources.map((entry) => entry.uri)).toContain('api://reports');
        const report = await client.readResource({ uri: 'api://reports/1' });
        expect(JSON.parse((report.contents[0] as { text: string }).text)).toEqual({ report: '1' });
      });

      it('a resource the filter rejects is neither listed nor readable', async () => {
        const { client } = await connect({ routeMaps, filter: (tool) => tool.route.path !== '/reports' });
        expect((await client.listResources()).resources.map((entry) => entry.uri)).not.toContain(
          'api://reports',
        );
        await expect(client.readResource({ uri: 'api://reports' })).rejects.toThrow(/Resource not found/);
        const report = await client.readResource({ uri: 'api://reports/2' });
        expect(JSON.parse((report.contents[0] as { text: string }).text)).toEqual({ report: '2' });
      });
    });
  });
}
