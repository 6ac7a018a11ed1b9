import { McpAdapter } from '@backend2mcp/hono';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';

const Task = z
  .object({
    id: z.number().int(),
    title: z.string(),
    done: z.boolean(),
    createdAt: z.iso.datetime(),
    dueOn: z.iso.date().nullable(),
    completedAt: z.iso.datetime().nullable(),
  })
  .openapi('Task');
type Task = z.infer<typeof Task>;

/**
 * A task API declared with @hono/zod-openapi. Its schemas become the tools'
 * schemas, and the MCP endpoint is mounted at /mcp of the same app, so it runs
 * wherever Hono runs (here on Node; the same code works on Workers, Bun, Deno).
 */
export function createApp() {
  const tasks: Task[] = [
    {
      id: 1,
      title: 'Read the MCP spec',
      done: true,
      createdAt: '2026-11-30T08:00:00.000Z',
      dueOn: null,
      completedAt: '2026-12-01T17:45:00.000Z',
    },
  ];
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
        body: {
          content: {
            'application/json': {
              schema: z.object({ title: z.string().min(1), dueOn: z.iso.date().optional() }),
            },
          },
        },
      },
      responses: { 201: { description: 'Created', content: { 'application/json': { schema: Task } } } },
    }),
    (c) => {
      const { title, dueOn } = c.req.valid('json');
      const task: Task = {
        id: tasks.length + 1,
        title,
        done: false,
        createdAt: new Date().toISOString(),
        dueOn: dueOn ?? null,
        completedAt: null,
      };
      tasks.push(task);
      return c.json(task, 201);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/tasks/{id}/complete',
      summary: 'Complete a task',
      request: { params: z.object({ id: z.coerce.number().int() }) },
      responses: {
        200: { description: 'Completed', content: { 'application/json': { schema: Task } } },
        404: {
          description: 'No such task',
          content: { 'application/json': { schema: z.object({ error: z.string() }) } },
        },
      },
    }),
    (c) => {
      const task = tasks.find((entry) => entry.id === c.req.valid('param').id);
      if (!task) return c.json({ error: 'no such task' }, 404);
      task.done = true;
      task.completedAt = new Date().toISOString();
      return c.json(task, 200);
    },
  );
  app.get('/owner', (c) => c.json({ owner: c.env?.OWNER ?? 'nobody' }));

  new McpAdapter(app, { name: 'example-hono', version: '1.0.0' }).mount('/mcp');
  return app;
}
