import { Cleanups, connectInMemory, listPublishableTools } from '@backend2mcp/test-support';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { afterEach, describe, expect, it } from 'vitest';
import { McpAdapter } from '../src/index.js';

const cleanups = new Cleanups();
afterEach(() => cleanups.run());

/** A coerced path param, as the @hono/zod-openapi README writes ids. */
function createApp() {
  const app = new OpenAPIHono();
  app.openapi(
    createRoute({
      method: 'post',
      path: '/tasks/{id}/complete',
      request: { params: z.object({ id: z.coerce.number().int() }) },
      responses: {
        200: {
          description: 'Done',
          content: { 'application/json': { schema: z.object({ id: z.number() }) } },
        },
      },
    }),
    (c) => c.json({ id: c.req.valid('param').id }, 200),
  );
  return app;
}

describe('hono adapter: path params as @hono/zod-openapi writes them', () => {
  it('publishes a coerced id as an integer, never as integer-or-null, and calls the route with it', async () => {
    const app = createApp();
    const document = app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 't', version: '1' } });
    // What the library emits: a union with null, for a path segment that is never null.
    expect(document.paths?.['/tasks/{id}/complete']?.post?.parameters).toEqual([
      expect.objectContaining({ name: 'id', schema: { type: ['integer', 'null'] } }),
    ]);
    const client = await connectInMemory(new McpAdapter(app), cleanups);
    const tools = await listPublishableTools(client, { strict: true });
    expect(tools.get('post_tasks_by_id_complete')!.inputSchema).toEqual({
      type: 'object',
      properties: { id: { type: 'integer' } },
      required: ['id'],
      additionalProperties: false,
    });
    const result = await client.callTool({ name: 'post_tasks_by_id_complete', arguments: { id: 3 } });
    expect(result.structuredContent).toEqual(
      await (await app.request('/tasks/3/complete', { method: 'POST' })).json(),
    );
    const refused = await client.callTool({ name: 'post_tasks_by_id_complete', arguments: { id: null } });
    expect(refused.isError).toBe(true);
  });
});
