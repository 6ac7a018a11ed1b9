import type { AddressInfo } from 'node:net';
import { listPublishableTools } from '@backend2mcp/test-support';
import { serve } from '@hono/node-server';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { describe, expect, it } from 'vitest';
import { createApp } from './app.js';

describe('the example Hono API publishes only schemas a strict client accepts', () => {
  it('every input and output schema from @hono/zod-openapi compiles with ajv 2020 in strict mode', async () => {
    const server = serve({ fetch: createApp().fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    const client = new Client({ name: 'example-test', version: '1.0.0' });
    try {
      const port = (server.address() as AddressInfo).port;
      await client.connect(new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`)));
      const tools = await listPublishableTools(client, { strict: true });
      expect([...tools.keys()]).toEqual([
        'get_tasks',
        'post_tasks',
        'post_tasks_by_id_complete',
        'get_owner',
      ]);
    } finally {
      await client.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
