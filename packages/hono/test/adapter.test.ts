import type { AddressInfo } from 'node:net';
import { Cleanups, connectInMemory, PROTOCOL_ERAS, textOf } from '@backend2mcp/test-support';
import { serve } from '@hono/node-server';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { McpAdapter, type McpAdapterOptions } from '../src/index.js';
import { createCatalogApp } from './fixtures/catalog-app.js';
import { createHonoOpenApiApp, createZodOpenApiApp } from './fixtures/openapi-apps.js';

const cleanups = new Cleanups();
afterEach(() => cleanups.run());

async function connect(app: Hono<any>, options: McpAdapterOptions = {}, clientOptions = {}) {
  const client = await connectInMemory(new McpAdapter(app, options), cleanups, clientOptions);
  return client;
}

describe.each(PROTOCOL_ERAS)('hono adapter over InMemory, protocol %s', (version, clientOptions) => {
  it('calls routes through app.fetch(), with env bindings reaching the handler', async () => {
    const client = await connect(createCatalogApp(), { env: { GREETING: 'hello from env' } }, clientOptions);
    expect(client.getNegotiatedProtocolVersion()).toBe(version);
    const greeting = await client.callTool({ name: 'get_api_greeting', arguments: {} });
    expect(greeting.structuredContent).toEqual({ greeting: 'hello from env' });
    const project = await client.callTool({
      name: 'get_api_orgs_by_org_id_projects_by_project_id',
      arguments: { orgId: 'acme', projectId: '../x' },
    });
    expect(project.structuredContent).toEqual({
      path: '/api/orgs/acme/projects/..%2Fx',
      params: { orgId: 'acme', projectId: '../x' },
    });
  });

  it('honours bearerAuth middleware on a sub-app', async () => {
    const client = await connect(createCatalogApp(), {}, clientOptions);
    const denied = await client.callTool({ name: 'get_api_admin_stats', arguments: {} });
    expect(denied.isError).toBe(true);
    expect(textOf(denied)).toMatch(/^HTTP 401 Unauthorized/);
  });
});

describe('hono adapter with OpenAPI schemas', () => {
  it('@hono/zod-openapi: schemas from createRoute(), a validation failure names the field', async () => {
    const client = await connect(createZodOpenApiApp(), { outputSchemas: 'declared' });
    const { tools } = await client.listTools();
    const post = tools.find((tool) => tool.name === 'post_books')!;
    expect(post).toMatchObject({
      title: 'Add a book',
      inputSchema: {
        type: 'object',
        properties: { title: { type: 'string', minLength: 1 }, author: { type: 'string', minLength: 1 } },
        required: ['title', 'author'],
        additionalProperties: false,
      },
      outputSchema: { type: 'object', required: ['id', 'title', 'author'] },
    });
    const get = tools.find((tool) => tool.name === 'get_books_by_id')!;
    // zod-openapi writes z.coerce.number().int() as integer-or-null; a path segment is never null.
    expect(get.inputSchema).toMatchObject({
      properties: { id: { type: 'integer' } },
      required: ['id'],
    });

    const invalid = await client.callTool({ name: 'post_books', arguments: { title: '', author: 'A' } });
    expect(invalid).toMatchObject({
      isError: true,
      content: [
        {
          type: 'text',
          text: 'Invalid arguments for post_books: "title" must NOT have fewer than 1 characters.',
        },
      ],
    });
    const created = await client.callTool({
      name: 'post_books',
      arguments: { title: 'Emma', author: 'Jane Austen' },
    });
    expect(created.structuredContent).toEqual({ id: 2, title: 'Emma', author: 'Jane Austen' });
    const fetched = await client.callTool({ name: 'get_books_by_id', arguments: { id: 1 } });
    expect(fetched.structuredContent).toEqual({ id: 1, title: 'Dune', author: 'Frank Herbert' });
  });

  it('hono-openapi: schemas from describeRoute() and validator()', async () => {
    const client = await connect(createHonoOpenApiApp());
    const { tools } = await client.listTools();
    expect(tools).toEqual([
      expect.objectContaining({
        name: 'post_notes',
        title: 'Add a note',
        inputSchema: {
          type: 'object',
          properties: { text: { type: 'string', minLength: 1 } },
          required: ['text'],
          additionalProperties: false,
        },
      }),
    ]);
    const created = await client.callTool({ name: 'post_notes', arguments: { text: 'hi' } });
    expect(created.structuredContent).toEqual({ id: 1, text: 'hi' });
  });
});

describe('the MCP endpoint mounted in the Hono app', () => {
  it('answers a Streamable HTTP client on Node (@hono/node-server), next to the API', async () => {
    const app = createCatalogApp();
    new McpAdapter(app).mount('/mcp');
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    cleanups.add(() => new Promise((resolve) => server.close(resolve)));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (const [, clientOptions] of PROTOCOL_ERAS) {
      const client = new Client({ name: 'test', version: '1.0.0' }, clientOptions);
      await client.connect(new StreamableHTTPClientTransport(new URL('/api/mcp', base)));
      cleanups.add(() => client.close());
      const result = await client.callTool({ name: 'get_api_health', arguments: {} });
      expect(result.structuredContent).toEqual({ ok: true });
    }
    expect(await (await fetch(`${base}/api/health`)).json()).toEqual({ ok: true });
  });

  it('works through a plain fetch(Request) with no Node-specific API in the request path (edge runtimes)', async () => {
    const app = new Hono<{ Bindings: { GREETING: string } }>();
    app.get('/hello', (c) => c.json({ greeting: c.env.GREETING }));
    // A deployed Worker names the host clients reach it by (DNS-rebinding check; localhost only by default).
    new McpAdapter(app, {
      env: { GREETING: 'hi from the edge' },
      http: { allowedHosts: ['worker.example'] },
    }).mount('/mcp');
    // Exactly what a Worker does: app.fetch(request, env). No socket, no node:http.
    const workerFetch = (input: string | URL | Request, init?: RequestInit) =>
      Promise.resolve(app.fetch(new Request(input, init), { GREETING: 'hi from the edge' }));
    const client = new Client({ name: 'edge-test', version: '1.0.0' }, PROTOCOL_ERAS[1]![1]);
    await client.connect(
      new StreamableHTTPClientTransport(new URL('https://worker.example/mcp'), { fetch: workerFetch }),
    );
    cleanups.add(() => client.close());
    const result = await client.callTool({ name: 'get_hello', arguments: {} });
    expect(result.structuredContent).toEqual({ greeting: 'hi from the edge' });
  });
});
