import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Cleanups, connectInMemory, PROTOCOL_ERAS, textOf } from '@backend2mcp/test-support';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterEach, describe, expect, it } from 'vitest';
import { McpAdapter } from '../src/index.js';
import { createUsersApp } from './fixtures/users-app.js';

const cleanups = new Cleanups();
afterEach(() => cleanups.run());

async function connect(clientOptions: (typeof PROTOCOL_ERAS)[number][1]) {
  const fixture = createUsersApp();
  const adapter = new McpAdapter(fixture.app);
  const client = await connectInMemory(adapter, cleanups, clientOptions);
  return { client, ...fixture };
}

describe.each(PROTOCOL_ERAS)('koa adapter over InMemory, protocol %s', (version, clientOptions) => {
  it('lists the routes as tools, without HEAD twins or 405 paths', async () => {
    const { client } = await connect(clientOptions);
    expect(client.getNegotiatedProtocolVersion()).toBe(version);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual([
      'get_users_by_id',
      'post_users',
      'get_private_report',
      'get_boom',
      'get_slow',
    ]);
    expect(tools[0]).toMatchObject({
      description: 'Fetch one user.',
      inputSchema: { properties: { id: { type: 'string' } }, required: ['id'] },
      annotations: { readOnlyHint: true },
    });
  });

  it('runs the body parser and the route, and the app keeps the change', async () => {
    const { client, users } = await connect(clientOptions);
    const created = await client.callTool({ name: 'post_users', arguments: { name: 'Grace' } });
    expect(created.structuredContent).toEqual({ id: '2', name: 'Grace' });
    expect(users.get('2')).toEqual({ id: '2', name: 'Grace' });
    const fetched = await client.callTool({ name: 'get_users_by_id', arguments: { id: '2' } });
    expect(fetched.structuredContent).toEqual({
      id: '2',
      name: 'Grace',
      seenId: '2',
      viaMcp: 'get_users_by_id',
    });
  });

  it('honours an auth middleware: 401 without its header, served with it', async () => {
    const { client } = await connect(clientOptions);
    const denied = await client.callTool({ name: 'get_private_report', arguments: {} });
    expect(denied.isError).toBe(true);
    expect(textOf(denied)).toBe('HTTP 401 Unauthorized\n{"error":"missing or wrong x-api-token"}');
    const allowed = await client.callTool({
      name: 'get_private_report',
      arguments: { 'x-api-token': 'secret' },
    });
    expect(allowed.structuredContent).toEqual({ report: 'classified' });
  });

  it('turns ctx.throw(404) and a thrown error into tool errors, and keeps serving', async () => {
    const { client } = await connect(clientOptions);
    const missing = await client.callTool({ name: 'get_users_by_id', arguments: { id: '42' } });
    expect(missing).toMatchObject({
      isError: true,
      content: [{ type: 'text', text: 'HTTP 404 Not Found\nno user 42' }],
    });
    const boom = await client.callTool({ name: 'get_boom', arguments: {} });
    expect(boom).toMatchObject({
      isError: true,
      content: [{ type: 'text', text: 'HTTP 500 Internal Server Error\nInternal Server Error' }],
    });
    const after = await client.callTool({ name: 'get_users_by_id', arguments: { id: '1' } });
    expect(after.structuredContent).toMatchObject({ id: '1', name: 'Ada' });
  });

  it('keeps ../admin inside its path segment', async () => {
    const { client, log } = await connect(clientOptions);
    const result = await client.callTool({ name: 'get_users_by_id', arguments: { id: '../admin' } });
    expect(textOf(result)).toBe('HTTP 404 Not Found\nno user ../admin');
    expect(log.hits).toEqual(['GET /users/..%2Fadmin']);
  });

  it('aborts the in-process request when the client cancels', async () => {
    const { client, log } = await connect(clientOptions);
    const controller = new AbortController();
    const call = client.callTool({ name: 'get_slow', arguments: {} }, { signal: controller.signal });
    await expect.poll(() => log.hits).toContain('GET /slow');
    controller.abort();
    await expect(call).rejects.toThrow();
    await expect.poll(() => log.closed).toEqual(['/slow']);
  });
});

describe.each(PROTOCOL_ERAS)(
  'koa adapter mounted in the app over Streamable HTTP, protocol %s',
  (version, clientOptions) => {
    it('serves MCP at /mcp next to the API', async () => {
      const { app } = createUsersApp();
      const adapter = new McpAdapter(app).mount('/mcp');
      const server: Server = app.listen(0, '127.0.0.1');
      await once(server, 'listening');
      cleanups.add(async () => {
        await adapter.close();
        server.closeAllConnections();
        server.close();
      });
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const client = new Client({ name: 'test', version: '1.0.0' }, clientOptions);
      await client.connect(new StreamableHTTPClientTransport(new URL('/mcp', base)));
      cleanups.add(() => client.close());
      expect(client.getNegotiatedProtocolVersion()).toBe(version);

      const created = await client.callTool({ name: 'post_users', arguments: { name: 'Linus' } });
      expect(created.structuredContent).toEqual({ id: '2', name: 'Linus' });
      const direct = await fetch(`${base}/users/2`);
      expect(await direct.json()).toMatchObject({ id: '2', name: 'Linus', viaMcp: null });

      // allowedMethods() answers 405 for a method the route does not declare; no tool stands for it.
      expect((await fetch(`${base}/users/2`, { method: 'PUT' })).status).toBe(405);
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).not.toContain('put_users_by_id');
    });
  },
);

describe('koa adapter standalone', () => {
  it('listens on 127.0.0.1 and answers a Streamable HTTP client', async () => {
    const listening = await new McpAdapter(createUsersApp().app).listen({ port: 0 });
    cleanups.add(() => listening.close());
    const client = new Client({ name: 'test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(listening.url));
    cleanups.add(() => client.close());
    const result = await client.callTool({ name: 'get_users_by_id', arguments: { id: '1' } });
    expect(result.structuredContent).toMatchObject({ id: '1', name: 'Ada' });
  });
});
