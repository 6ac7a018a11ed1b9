import { describe, expect, it } from 'vitest';
import { McpAdapter } from '../src/index.js';
import { createCatalogApp } from './fixtures/catalog-app.js';

describe('hono route extraction', () => {
  it('reads full paths across basePath and app.route(), leaving middleware out', async () => {
    const adapter = new McpAdapter(createCatalogApp());
    await adapter.server.prepare();
    expect(adapter.tools.map((tool) => `${tool.route.method} ${tool.route.path}`)).toEqual([
      'GET /api',
      'GET /api/health',
      'GET /api/greeting',
      'GET /api/items/:id',
      'GET /api/reports{/:year}',
      'GET /api/files/*wildcard',
      'GET /api/echo',
      'POST /api/echo',
      'PUT /api/echo',
      'PATCH /api/echo',
      'DELETE /api/echo',
      'PUT /api/settings',
      'PATCH /api/settings',
      'GET /api/search',
      'GET /api/users',
      'POST /api/users',
      'GET /api/users/:userId',
      'DELETE /api/users/:userId',
      'GET /api/orgs/:orgId/projects/:projectId',
      'PATCH /api/orgs/:orgId/projects/:projectId',
      'GET /api/admin/stats',
      'DELETE /api/admin/cache',
    ]);
    expect(
      adapter.tools.find((tool) => tool.name === 'get_api_items_by_id')?.inputSchema.properties,
    ).toMatchObject({
      id: { type: 'integer', minimum: 0 },
    });
  });

  it('does not list the mounted endpoint', async () => {
    const app = createCatalogApp();
    const adapter = new McpAdapter(app).mount('/mcp');
    await adapter.server.prepare();
    expect(adapter.tools.some((tool) => tool.name.includes('mcp'))).toBe(false);
  });

  it('matches the golden tool list of the 22-route app', async () => {
    const adapter = new McpAdapter(createCatalogApp());
    await adapter.server.prepare();
    const tools = adapter.tools.map((tool) => ({
      name: tool.name,
      title: tool.title,
      description: tool.description,
      inputSchema: tool.inputSchema,
      annotations: tool.annotations,
    }));
    expect(tools).toHaveLength(22);
    await expect(`${JSON.stringify(tools, null, 2)}\n`).toMatchFileSnapshot(
      './__snapshots__/catalog.tools.golden.json',
    );
  });
});
