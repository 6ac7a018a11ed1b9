import Router from '@koa/router';
import Koa from 'koa';
import { describe, expect, it } from 'vitest';
import { extractRoutes, McpAdapter } from '../src/index.js';
import { createCatalogApp } from './fixtures/catalog-app.js';

describe('koa route extraction', () => {
  it('reads full templates across prefixes and nested routers, skipping middleware, HEAD twins and RegExps', () => {
    const { routes, skipped } = extractRoutes(createCatalogApp());
    expect(routes.map((route) => `${route.method} ${route.path}${route.meta ? ' +meta' : ''}`)).toEqual([
      'GET /',
      'GET /health',
      'GET /files/{*path}',
      'GET /reports{/:year}',
      'GET /echo',
      'POST /echo',
      'PUT /echo',
      'PATCH /echo',
      'DELETE /echo',
      'GET /search +meta',
      'GET /internal +meta',
      'GET /users',
      'POST /users',
      'GET /users/:userId',
      'PUT /users/:userId',
      'DELETE /users/:userId',
      'GET /api/v1/orgs/:orgId/projects',
      'GET /api/v1/orgs/:orgId/projects/:projectId',
      'PATCH /api/v1/orgs/:orgId/projects/:projectId +meta',
      'GET /admin/stats',
      'DELETE /admin/cache',
    ]);
    expect(skipped).toEqual([
      {
        route: 'HEAD,GET /^\\/legacy\\/.*$/',
        reason:
          'a regular-expression path has no route template, so nothing under it can become a tool; ' +
          'give it a string path to expose it, or mark the route mcp({ hidden: true }) to silence this',
      },
    ]);
  });

  it('does not list the endpoint mounted with mount()', () => {
    const app = createCatalogApp();
    const adapter = new McpAdapter(app).mount('/mcp');
    expect(adapter.tools.some((tool) => tool.name.includes('mcp'))).toBe(false);
  });

  it('sees routers mounted after the adapter was created', () => {
    const app = new Koa();
    const adapter = new McpAdapter(app);
    const router = new Router();
    router.get('/late', (ctx) => {
      ctx.body = 'late';
    });
    app.use(router.routes());
    expect(adapter.tools.map((tool) => tool.name)).toEqual(['get_late']);
  });

  it('matches the golden tool list of a 20-route app', async () => {
    const tools = new McpAdapter(createCatalogApp()).tools.map((tool) => ({
      name: tool.name,
      title: tool.title,
      description: tool.description,
      inputSchema: tool.inputSchema,
      annotations: tool.annotations,
    }));
    expect(tools).toHaveLength(20);
    await expect(`${JSON.stringify(tools, null, 2)}\n`).toMatchFileSnapshot(
      './__snapshots__/catalog.tools.golden.json',
    );
  });
});
