import type { AddressInfo } from 'node:net';
import { McpAdapter } from '@backend2mcp/nestjs';
import { Cleanups, connectInMemory } from '@backend2mcp/test-support';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type Platform } from '../src/app.js';

describe.each<Platform>(['express', 'fastify'])('the NestJS cat shelter on the %s platform', (platform) => {
  const cleanups = new Cleanups();
  let app: Awaited<ReturnType<typeof createApp>>;
  let base: string;
  let client: Client;

  beforeAll(async () => {
    app = await createApp(platform, { logger: false });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    cleanups.add(() => app.close());
    // The MCP endpoint McpModule mounted inside the app, reached over HTTP like a client would.
    client = new Client({ name: 'example-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${base}/api/mcp`)));
    cleanups.add(() => client.close());
  });
  afterAll(() => cleanups.run());

  it('lists every route as a tool, typed by the swagger document, without the excluded ones', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([
      'delete_api_v1_cats_by_id',
      'get_api_admin_health',
      'get_api_v1_cats',
      'get_api_v1_cats_by_id',
      'get_api_v2_cats',
      'post_api_v1_cats',
    ]);
    const create = tools.find((tool) => tool.name === 'post_api_v1_cats')!;
    expect(create.title).toBe('Adopt a cat');
    expect(create.inputSchema).toMatchObject({
      properties: { name: { type: 'string', minLength: 2 }, age: { type: 'number', maximum: 30 } },
      required: ['name', 'age'],
    });
  });

  it('answers a call exactly as the HTTP API answers the same request', async () => {
    const viaMcp = await client.callTool({ name: 'get_api_v1_cats', arguments: { limit: 1 } });
    const viaHttp = await (await fetch(`${base}/api/v1/cats?limit=1`)).json();
    expect(viaMcp.structuredContent).toEqual(viaHttp);
    expect(viaHttp).toEqual({ items: [{ id: 1, name: 'Tom', age: 3 }], tenant: 'public' });
  });

  it("runs the app's filter, guard and ValidationPipe on tool calls", async () => {
    const missing = await client.callTool({ name: 'get_api_v1_cats_by_id', arguments: { id: 404 } });
    expect(missing.isError).toBe(true);
    expect(missing.content).toEqual([
      { type: 'text', text: 'HTTP 404 Not Found\n{"error":"cat not found","id":404}' },
    ]);
    const anonymous = await client.callTool({ name: 'delete_api_v1_cats_by_id', arguments: { id: 1 } });
    expect(anonymous.content).toEqual([
      {
        type: 'text',
        text: 'HTTP 401 Unauthorized\n{"message":"a bearer token is required","error":"Unauthorized","statusCode":401}',
      },
    ]);
    const fractional = await client.callTool({
      name: 'post_api_v1_cats',
      arguments: { name: 'Kit', age: 1.5 },
    });
    expect(fractional.isError).toBe(true);
    expect(JSON.stringify(fractional.content)).toContain('age must be an integer number');
  });

  it('serves the same tools in process, with an admin credential of the server', async () => {
    const admin = new McpAdapter(app, {
      headers: { authorization: 'Bearer admin-token' },
      onWarning: () => {},
    });
    const inProcess = await connectInMemory(admin, cleanups);
    const adopted = await inProcess.callTool({
      name: 'post_api_v1_cats',
      arguments: { name: 'Kit', age: 1 },
    });
    const id = (adopted.structuredContent as { id: number }).id;
    const removed = await inProcess.callTool({ name: 'delete_api_v1_cats_by_id', arguments: { id } });
    expect(removed.content).toEqual([{ type: 'text', text: 'HTTP 204 No Content' }]);
  });
});
