import { describe, expect, it } from 'vitest';
import { McpAdapter } from '../src/index.js';
import { createCatalogApp } from './fixtures/catalog-app.js';

function adapterWithLateRoutes() {
  const app = createCatalogApp();
  const adapter = new McpAdapter(app);
  // Declared after the adapter exists, in a prefixed plugin: still collected.
  app.register(
    async (late) => {
      late.get('/ping', async () => 'pong');
    },
    { prefix: '/late' },
  );
  return { app, adapter };
}

describe('fastify route collection', () => {
  it('collects every route with its full path, before and after the adapter, without HEAD twins', async () => {
    const { app, adapter } = adapterWithLateRoutes();
    await app.ready();
    expect(adapter.tools.map((tool) => `${tool.route.method} ${tool.route.path}`)).toEqual([
      'GET /',
      'GET /health',
      'GET /files/*wildcard',
      'GET /reports{/:year}',
      'GET /items/:id',
      'GET /echo',
      'POST /echo',
      'GET /search',
      'GET /users',
      'POST /users',
      'GET /users/:id',
      'PUT /users/:id',
      'DELETE /users/:id',
      'GET /api/v1/categories',
      'POST /api/v1/categories',
      'GET /api/v1/orgs/:orgId/projects/:projectId',
      'PATCH /api/v1/orgs/:orgId/projects/:projectId',
      'GET /admin/stats',
      'DELETE /admin/cache',
      'GET /late/ping',
    ]);
    expect(adapter.server.skipped).toEqual([]);
  });

  it('builds input schemas from params, querystring, headers and body, with Fastify regex params typed', async () => {
    const { app, adapter } = adapterWithLateRoutes();
    await app.ready();
    const tool = (name: string) => adapter.tools.find((entry) => entry.name === name)!;
    expect(tool('get_items_by_id').inputSchema.properties).toMatchObject({
      id: { type: 'integer', minimum: 0 },
    });
    expect(tool('search_everything').inputSchema).toEqual({
      type: 'object',
      properties: { q: { type: 'string' }, limit: { type: 'integer', default: 10 } },
      additionalProperties: false,
    });
    expect(tool('post_users').inputSchema).toEqual({
      type: 'object',
      properties: { name: { type: 'string', minLength: 1 }, email: { type: 'string', format: 'email' } },
      required: ['name'],
      additionalProperties: false,
    });
    expect(tool('get_api_v1_orgs_by_org_id_projects_by_project_id').inputSchema.properties).toMatchObject({
      orgId: { type: 'string' },
      projectId: { type: 'string' },
      'x-tenant': { type: 'string' },
    });
  });

  it('inlines shared $ref schemas into $defs, keeping a recursive one finite', async () => {
    const { app, adapter } = adapterWithLateRoutes();
    await app.ready();
    const tool = (name: string) => adapter.tools.find((entry) => entry.name === name)!;
    const user = {
      type: 'object',
      properties: {
        id: { type: 'integer' },
        name: { type: 'string' },
        email: { type: 'string', format: 'email' },
      },
      required: ['id', 'name'],
    };
    // A root $ref is replaced by its definition, so an output keeps an object root and a body can be flattened.
    expect(tool('get_users_by_id').responseSchema).toEqual({ ...user, $defs: { User: user } });
    expect(tool('put_users_by_id').inputSchema).toEqual({
      type: 'object',
      properties: {
        id: { type: 'integer' },
        body_id: { type: 'integer' },
        name: { type: 'string' },
        email: { type: 'string', format: 'email' },
      },
      required: ['id', 'body_id', 'name'],
      additionalProperties: false,
      $defs: { User: user },
    });
    expect(tool('get_api_v1_categories').responseSchema).toEqual({
      type: 'array',
      items: { $ref: '#/$defs/Category' },
      $defs: {
        Category: {
          type: 'object',
          properties: {
            name: { type: 'string' },
            children: { type: 'array', items: { $ref: '#/$defs/Category' } },
          },
          required: ['name'],
        },
      },
    });
  });

  it('uses summary and description, and config.mcp overrides', async () => {
    const { app, adapter } = adapterWithLateRoutes();
    await app.ready();
    const byName = Object.fromEntries(adapter.tools.map((tool) => [tool.name, tool]));
    expect(byName.get_health).toMatchObject({ title: 'Liveness probe', description: 'Liveness probe' });
    expect(byName.get_users).toMatchObject({ description: 'List users.', tags: ['users'] });
    expect(byName.search_everything).toMatchObject({ description: 'Full-text search.' });
    expect(byName.patch_api_v1_orgs_by_org_id_projects_by_project_id?.title).toBe('Update a project');
    expect(byName.get_internal).toBeUndefined();
  });

  it('matches the golden tool list of the 20-route app', async () => {
    const { app, adapter } = adapterWithLateRoutes();
    await app.ready();
    const tools = adapter.tools.map((tool) => ({
      name: tool.name,
      title: tool.title,
      description: tool.description,
      inputSchema: tool.inputSchema,
      outputSchema: tool.outputSchema,
      annotations: tool.annotations,
    }));
    expect(tools).toHaveLength(20);
    await expect(`${JSON.stringify(tools, null, 2)}\n`).toMatchFileSnapshot(
      './__snapshots__/catalog.tools.golden.json',
    );
  });
});
