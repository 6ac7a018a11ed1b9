import { Cleanups, connectInMemory, PROTOCOL_ERAS } from '@backend2mcp/test-support';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { McpAdapter } from '../src/index.js';
import type { Platform } from './fixtures/cats-app.js';
import { listenOnLoopback } from './fixtures/http.js';
import { createJobsApp } from './fixtures/module-app.js';

describe.each<Platform>(['express', 'fastify'])('McpModule on the nest %s platform', (platform) => {
  const cleanups = new Cleanups();
  let url: URL;
  let app: Awaited<ReturnType<typeof createJobsApp>>;
  let http: Awaited<ReturnType<typeof listenOnLoopback>>;

  beforeAll(async () => {
    app = await createJobsApp(platform);
    http = await listenOnLoopback(app);
    url = new URL(`http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}/api/mcp`);
    cleanups.add(() => app.close());
  });
  afterAll(() => cleanups.run());

  async function connectHttp(headers: Record<string, string>) {
    const client = new Client({ name: 'test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(url, { requestInit: { headers } }));
    cleanups.add(() => client.close());
    return client;
  }

  it('mounts /mcp as a route of the app: behind the global prefix and the app-wide guard', async () => {
    const refused = await http('/api/mcp', {
      method: 'POST',
      json: { jsonrpc: '2.0', id: 1, method: 'ping' },
    });
    expect(refused).toEqual({
      status: 401,
      body: { statusCode: 401, error: 'Unauthorized', message: 'x-app-key is required' },
    });
    const client = await connectHttp({ 'x-app-key': 'app-key', 'x-mcp-key': 'mcp-key' });
    const { tools } = await client.listTools();
    // The endpoint itself is no tool.
    expect(tools.map((tool) => tool.name).sort()).toEqual(['get_api_jobs_whoami', 'import_rows']);
    const result = await client.callTool({ name: 'get_api_jobs_whoami', arguments: {} });
    expect(result.structuredContent).toEqual({ viaMcp: true, caller: 'robot' });
  });

  it('still asks MCP callers for their own credential (the auth option)', async () => {
    await expect(connectHttp({ 'x-app-key': 'app-key' })).rejects.toThrow();
  });

  it.each(PROTOCOL_ERAS)(
    'gives handlers the call through @McpContext(): progress, logs, caller (%s)',
    async (era, clientOptions) => {
      const client = await connectInMemory(app.get(McpAdapter), cleanups, clientOptions);
      const progress: unknown[] = [];
      const logs: unknown[] = [];
      client.setNotificationHandler('notifications/message', (notification) => {
        logs.push(notification.params);
      });
      await client.setLoggingLevel('debug').catch(() => {}); // 2026-07-28 has no logging/setLevel
      const result = await client.callTool(
        { name: 'import_rows', arguments: {} },
        { onprogress: (update) => progress.push(update) },
      );
      expect(result.structuredContent).toEqual({ imported: 2, tool: 'import_rows', caller: 'robot' });
      expect(progress).toEqual([
        { progress: 1, total: 2, message: 'step 1' },
        { progress: 2, total: 2, message: 'step 2' },
      ]);
      if (era === '2025-11-25')
        expect(logs).toEqual([{ level: 'info', logger: 'jobs', data: { imported: 2 } }]);
    },
  );

  it('gives no call to an ordinary HTTP request', async () => {
    expect(await http('/api/jobs/whoami', { headers: { 'x-app-key': 'app-key' } })).toEqual({
      status: 200,
      body: { viaMcp: false, caller: null },
    });
  });
});
