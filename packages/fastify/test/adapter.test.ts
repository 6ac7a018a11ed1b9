import type { AddressInfo } from 'node:net';
import { Cleanups, connectInMemory, PROTOCOL_ERAS, textOf } from '@backend2mcp/test-support';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { McpAdapter } from '../src/index.js';
import { createCatalogApp } from './fixtures/catalog-app.js';
import { createZodApp } from './fixtures/zod-app.js';

const cleanups = new Cleanups();
afterEach(() => cleanups.run());

async function connect(adapter: McpAdapter, clientOptions: (typeof PROTOCOL_ERAS)[number][1] = {}) {
  const client = await connectInMemory(adapter, cleanups, clientOptions);
  return client;
}

describe.each(PROTOCOL_ERAS)('fastify adapter over InMemory, protocol %s', (version, clientOptions) => {
  it('calls routes through inject(): response schemas serialise, structured output validates', async () => {
    const client = await connect(new McpAdapter(createCatalogApp()), clientOptions);
    expect(client.getNegotiatedProtocolVersion()).toBe(version);
    await client.listTools(); // the client validates structured output against listed output schemas
    const user = await client.callTool({ name: 'get_users_by_id', arguments: { id: 7 } });
    expect(user.structuredContent).toEqual({ id: 7, name: 'Ada' });
    const created = await client.callTool({
      name: 'post_users',
      arguments: { name: 'Grace', email: 'g@example.com' },
    });
    expect(created.structuredContent).toEqual({ id: 2, name: 'Grace', email: 'g@example.com' });
    const tree = await client.callTool({ name: 'get_api_v1_categories', arguments: {} });
    const categories = [{ name: 'root', children: [{ name: 'leaf', children: [] }] }];
    expect(tree.structuredContent).toEqual(version === '2025-11-25' ? { result: categories } : categories);
  });

  it('honours an onRequest auth hook in a prefixed plugin', async () => {
    const client = await connect(new McpAdapter(createCatalogApp()), clientOptions);
    const denied = await client.callTool({ name: 'get_admin_stats', arguments: {} });
    expect(denied).toMatchObject({ isError: true });
    expect(textOf(denied)).toBe('HTTP 401 Unauthorized\n{"error":"x-admin-token required"}');
    const allowed = await client.callTool({
      name: 'get_admin_stats',
      arguments: { 'x-admin-token': 'letmein' },
    });
    expect(allowed.structuredContent).toEqual({ users: 2 });
  });

  it('reports a validation failure as a tool error naming the field', async () => {
    const client = await connect(new McpAdapter(createCatalogApp()), clientOptions);
    const invalid = await client.callTool({ name: 'post_users', arguments: { name: 'Ada', email: 'nope' } });
    expect(invalid).toMatchObject({
      isError: true,
      content: [
        { type: 'text', text: 'Invalid arguments for post_users: "email" must match format "email".' },
      ],
    });
  });
});

describe('fastify adapter with zod (fastify-type-provider-zod)', () => {
  it('converts zod schemas to input and output schemas and calls the routes', async () => {
    const client = await connect(new McpAdapter(createZodApp(), { outputSchemas: 'declared' }));
    const { tools } = await client.listTools();
    const post = tools.find((tool) => tool.name === 'post_books')!;
    expect(post.description).toBe('Add a book.');
    expect(post.inputSchema).toEqual({
      type: 'object',
      properties: {
        title: { type: 'string', minLength: 1 },
        year: { type: 'integer', minimum: 0, maximum: 9007199254740991 },
      },
      required: ['title'],
      additionalProperties: false,
    });
    expect(post.outputSchema).toMatchObject({ type: 'object', required: ['id', 'title'] });
    const get = tools.find((tool) => tool.name === 'get_books_by_id')!;
    expect(get.inputSchema.properties).toEqual({
      id: { type: 'integer', minimum: -9007199254740991, maximum: 9007199254740991 },
    });

    const created = await client.callTool({ name: 'post_books', arguments: { title: 'Emma', year: 1815 } });
    expect(created.structuredContent).toEqual({ id: 2, title: 'Emma', year: 1815 });
    const fetched = await client.callTool({ name: 'get_books_by_id', arguments: { id: 1 } });
    expect(fetched.structuredContent).toEqual({ id: 1, title: 'Dune', year: 1965 });

    // Passes the JSON Schema check, fails the route's own zod validation: Fastify's 400 and message come back.
    const refused = await client.callTool({ name: 'post_books', arguments: { title: 'forbidden' } });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/^HTTP 400 Bad Request\n.*title must not be \\"forbidden\\"/s);
  });
});

describe('fastify adapter over Streamable HTTP', () => {
  it('mounts /mcp as a route of the app; the API keeps working beside it', async () => {
    const app = createCatalogApp();
    const adapter = new McpAdapter(app).mount('/mcp');
    await app.listen({ port: 0, host: '127.0.0.1' });
    cleanups.add(async () => {
      await adapter.close();
      await app.close();
    });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    for (const [, clientOptions] of PROTOCOL_ERAS) {
      const client = new Client({ name: 'test', version: '1.0.0' }, clientOptions);
      await client.connect(new StreamableHTTPClientTransport(new URL('/mcp', base)));
      cleanups.add(() => client.close());
      const { tools } = await client.listTools();
      expect(tools.some((tool) => tool.name.includes('mcp'))).toBe(false);
      const user = await client.callTool({ name: 'get_users_by_id', arguments: { id: 3 } });
      expect(user.structuredContent).toEqual({ id: 3, name: 'Ada' });
    }
    expect(await (await fetch(`${base}/users/5`)).json()).toEqual({ id: 5, name: 'Ada' });
  });

  it('listens standalone on 127.0.0.1', async () => {
    const app = Fastify();
    const adapter = new McpAdapter(app);
    app.get('/hello/:name', async (request) => ({ hello: (request.params as { name: string }).name }));
    const listening = await adapter.listen({ port: 0 });
    cleanups.add(() => listening.close());
    const client = new Client({ name: 'test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(listening.url));
    cleanups.add(() => client.close());
    const result = await client.callTool({ name: 'get_hello_by_name', arguments: { name: '../x' } });
    expect(result.structuredContent).toEqual({ hello: '../x' });
  });

  it('aborts the injected request when the call is cancelled', async () => {
    const app = Fastify();
    const closed: string[] = [];
    app.get('/slow', async (request) => {
      await new Promise<void>((resolve) => request.raw.on('close', resolve));
      closed.push('slow');
      return {};
    });
    const client = await connect(new McpAdapter(app));
    const controller = new AbortController();
    const call = client.callTool({ name: 'get_slow', arguments: {} }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(call).rejects.toThrow();
    await expect.poll(() => closed).toEqual(['slow']);
  });
});
