import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { describe, expect, it } from 'vitest';
import { createApp } from './app.js';

describe('the example Hono API', () => {
  it('serves its MCP endpoint on Node with tools typed by zod-openapi', async () => {
    const server = serve({ fetch: createApp().fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    const client = new Client({ name: 'example-test', version: '1.0.0' });
    try {
      const port = (server.address() as AddressInfo).port;
      await client.connect(new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`)));
      const { tools } = await client.listTools();
      expect(tools.map((tool) => [tool.name, tool.title])).toEqual([
        ['get_tasks', 'List tasks'],
        ['post_tasks', 'Create a task'],
        ['post_tasks_by_id_complete', 'Complete a task'],
        ['get_owner', 'GET /owner'],
      ]);
      const created = await client.callTool({
        name: 'post_tasks',
        arguments: { title: 'Try backend2mcp', dueOn: '2026-12-24' },
      });
      expect(created.structuredContent).toMatchObject({
        id: 2,
        title: 'Try backend2mcp',
        done: false,
        dueOn: '2026-12-24',
        completedAt: null,
      });
      // Responses carry date-times; the model gets them as the app sent them.
      const completed = await client.callTool({ name: 'post_tasks_by_id_complete', arguments: { id: 2 } });
      expect(completed.isError).toBeFalsy();
      expect(completed.structuredContent).toMatchObject({ id: 2, done: true });
      const { createdAt, completedAt } = completed.structuredContent as Record<string, string>;
      expect(Date.parse(completedAt!)).toBeGreaterThanOrEqual(Date.parse(createdAt!));
    } finally {
      await client.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
