import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Cleanups, PROTOCOL_ERAS } from '@backend2mcp/test-support';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterEach, describe, expect, it } from 'vitest';
import { McpAdapter } from '../src/index.js';
import { createUsersApp } from './fixtures/users-app.js';

const cleanups = new Cleanups();
afterEach(() => cleanups.run());

async function clientFor(url: URL, clientOptions: (typeof PROTOCOL_ERAS)[number][1]) {
  const client = new Client({ name: 'test', version: '1.0.0' }, clientOptions);
  await client.connect(new StreamableHTTPClientTransport(url));
  cleanups.add(() => client.close());
  return client;
}

/** The app itself on a real port, with MCP mounted inside it. */
async function startMounted(position?: 'first' | 'last') {
  const fixture = createUsersApp();
  fixture.app.use((_req, res) => {
    res.status(404).json({ error: 'app catch-all' });
  });
  const adapter = new McpAdapter(fixture.app).mount('/mcp', position ? { position } : {});
  const server: Server = fixture.app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  cleanups.add(async () => {
    await adapter.close();
    server.closeAllConnections();
    server.close();
  });
  const { port } = server.address() as AddressInfo;
  return { ...fixture, adapter, base: `http://127.0.0.1:${port}` };
}

describe.each(PROTOCOL_ERAS)(
  'express adapter over Streamable HTTP, protocol %s',
  (version, clientOptions) => {
    it('serves standalone with listen() on 127.0.0.1', async () => {
      const adapter = new McpAdapter(createUsersApp().app);
      const listening = await adapter.listen({ port: 0 });
      cleanups.add(() => listening.close());
      expect(listening.url.hostname).toBe('127.0.0.1');
      expect(listening.url.pathname).toBe('/mcp');

      const client = await clientFor(listening.url, clientOptions);
      expect(client.getNegotiatedProtocolVersion()).toBe(version);
      const result = await client.callTool({ name: 'get_users_by_id', arguments: { id: '1' } });
      expect(result.structuredContent).toMatchObject({ id: '1', name: 'Ada' });
    });

    it('serves mounted inside the app, ahead of its catch-all, and the API keeps working', async () => {
      const { base, log } = await startMounted();
      const client = await clientFor(new URL('/mcp', base), clientOptions);
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toContain('post_users');
      expect(tools.map((tool) => tool.name).some((name) => name.includes('mcp'))).toBe(false);

      const created = await client.callTool({ name: 'post_users', arguments: { name: 'Linus' } });
      expect(created.structuredContent).toEqual({ id: '2', name: 'Linus' });

      const direct = await fetch(`${base}/users/2`);
      expect(await direct.json()).toMatchObject({ id: '2', name: 'Linus', viaMcp: null });
      expect(log.hits).toContain('POST /users');
    });
  },
);

describe('HTTP endpoint security', () => {
  it('rejects a foreign Host header (DNS rebinding) with 403 on a loopback listener', async () => {
    const listening = await new McpAdapter(createUsersApp().app).listen({ port: 0 });
    cleanups.add(() => listening.close());
    const init = {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
    };
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        listening.url,
        { ...init, headers: { ...init.headers, host: 'evil.example.com' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end(init.body);
    });
    expect(status).toBe(403);

    const foreignOrigin = await fetch(listening.url, {
      ...init,
      headers: { ...init.headers, origin: 'https://evil.example.com' },
    });
    expect(foreignOrigin.status).toBe(403);
  });

  it('answers 404 outside the MCP path on a standalone listener', async () => {
    const listening = await new McpAdapter(createUsersApp().app).listen({ port: 0 });
    cleanups.add(() => listening.close());
    const response = await fetch(new URL('/users/1', listening.url));
    expect(response.status).toBe(404);
  });

  it('reports a port in use with a clear error', async () => {
    const first = await new McpAdapter(createUsersApp().app).listen({ port: 0 });
    cleanups.add(() => first.close());
    const port = Number(first.url.port);
    await expect(new McpAdapter(createUsersApp().app).listen({ port })).rejects.toMatchObject({
      code: 'LISTEN_FAILED',
      message: `Port ${port} on 127.0.0.1 is already in use; choose another port.`,
    });
  });

  it('with position "last", the app catch-all runs first, as with a plain app.use', async () => {
    const { base } = await startMounted('last');
    const response = await fetch(`${base}/mcp`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'app catch-all' });
  });
});
