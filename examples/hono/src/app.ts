import { McpAdapter } from '@backend2mcp/hono';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';

const Task = z.object({ id: z.number().int(), title: z.string(), done: z.boolean() }).openapi('Task');

/**
 * A task API declared with @hono/zod-openapi. Its schemas become the tools'
 * schemas, and the MCP endpoint is mounted at /mcp of the same app, so it runs
 * wherever Hono runs (here on Node; the same code works on Workers, Bun, Deno).
 */
export function createApp() {
  const tasks = [{ id: 1, title: 'Read the MCP spec', done: true }];
  const app = new OpenAPIHono<{ Bindings: { OWNER?: string } }>();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/tasks',
      summary: 'List tasks',
      responses: {
        200: { description: 'All tasks', content: { 'application/json': { schema: z.array(Task) } } },
      },
    }),
    (c) => c.json(tasks, 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/tasks',
      summary: 'Create a task',
      request: {
        body: { content: { 'application/json': { schema: z.object({ title: z.string().min(1) }) } } },
      },
      responses: { 201: { description: 'Created', content: { 'application/json': { schema: Task } } } },
    }),
    (c) => {
      const task = { id: tasks.length + 1, title: c.req.valid('json').title, done: false };
      tasks.push(task);
      return c.json(task, 201);
    },
  );
  app.get('/owner', (c) => c.json({ owner: c.env?.OWNER ?? 'nobody' }));

  new McpAdapter(app, { name: 'example-hono', version: '1.0.0' }).mount('/mcp');
  return app;
}
