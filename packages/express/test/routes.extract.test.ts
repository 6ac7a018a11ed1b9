import { createRequire } from 'node:module';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { extractRoutes, instrumentExpress, McpAdapter } from '../src/index.js';
import { createCatalogApp } from './fixtures/catalog-app.js';

const express4 = createRequire(import.meta.url)('express4');

const summary = (app: Parameters<typeof extractRoutes>[0]) => {
  const { routes, skipped } = extractRoutes(app);
  return {
    routes: routes.map(
      (route) =>
        `${route.method} ${route.path}${route.paramPatterns ? ` ${JSON.stringify(route.paramPatterns)}` : ''}${route.meta ? ' +meta' : ''}`,
    ),
    skipped: skipped.map((entry) => entry.route),
  };
};

const commonRoutes = (splat: string, optional: string, numeric: string) => [
  'GET /',
  'GET /health',
  'GET /users',
  'POST /users',
  'GET /users/:userId',
  'PUT /users/:userId',
  'DELETE /users/:userId',
  'GET /api/v1/orgs/:orgId/projects',
  'GET /api/v1/orgs/:orgId/projects/:projectId',
  'PATCH /api/v1/orgs/:orgId/projects/:projectId +meta',
  `GET ${splat}`,
  `GET ${optional}`,
  `GET ${numeric}`,
  'GET /about',
  'GET /info',
  'GET /echo',
  'POST /echo',
  'PUT /echo',
  'PATCH /echo',
  'DELETE /echo',
  'GET /admin/stats',
  'DELETE /admin/cache',
  'GET /search +meta',
  'GET /internal +meta',
];

describe('express route extraction', () => {
  it('reads exact templates from an Express 5 app: nested routers, sub-app, arrays, app.all, splat, optional', () => {
    expect(summary(createCatalogApp(express, 5))).toEqual({
      routes: commonRoutes('/files/*path', '/reports{/:year}', '/items/:id'),
      skipped: ['route in app: /^\\/legacy\\/.*$/'],
    });
  });

  it('reports, never guesses, Express 4 mounts made before instrumentation; reads them all after', () => {
    // express4 is a second copy that importing @backend2mcp/express did not instrument.
    const before = extractRoutes(createCatalogApp(express4, 4));
    expect(
      before.routes.some((route) => route.path.startsWith('/api') || route.path.startsWith('/admin')),
    ).toBe(false);
    expect(before.skipped.map((entry) => entry.route)).toEqual([
      'router in app',
      'sub-app',
      'route in app: /^\\/legacy\\/.*$/',
    ]);
    expect(before.skipped[0]!.reason).toContain('node --import @backend2mcp/express/register');

    expect(instrumentExpress(express4)).toBe(true);
    expect(summary(createCatalogApp(express4, 4))).toEqual({
      routes: commonRoutes('/files/*splat', '/reports{/:year}', '/items/:id {"id":"\\\\d+"}'),
      skipped: ['route in app: /^\\/legacy\\/.*$/'],
    });
  });

  it('says where each route came from', () => {
    const { routes } = extractRoutes(createCatalogApp(express, 5));
    expect(routes.find((route) => route.path === '/api/v1/orgs/:orgId/projects')?.source).toBe(
      'router mounted at /api/v1/orgs/:orgId',
    );
    expect(routes.find((route) => route.path === '/admin/stats')?.source).toBe('sub-app mounted at /admin');
  });

  it('does not list the mounted MCP endpoint, whatever is mounted under it', () => {
    const app = createCatalogApp(express, 5);
    new McpAdapter(app).mount('/mcp');
    expect(summary(app).routes.some((route) => route.includes('mcp'))).toBe(false);
  });

  it('sees routes added after the adapter was created', () => {
    const app = express();
    const adapter = new McpAdapter(app);
    app.get('/late', (_req, res) => {
      res.end();
    });
    expect(adapter.tools.map((tool) => tool.name)).toEqual(['get_late']);
  });

  it('reports an Express 4 path with regex syntax instead of guessing', () => {
    const app = express4();
    app.get('/ab?cd', (_req: unknown, res: { end(): void }) => res.end());
    expect(extractRoutes(app).skipped).toEqual([
      {
        route: 'route in app: /ab?cd',
        reason:
          'the Express 4 path "/ab?cd" uses regular-expression syntax that has no route template; give the route a plain path or hide it with mcp({ hidden: true })',
      },
    ]);
  });
});

describe.each([
  ['Express 5', () => createCatalogApp(express, 5)],
  [
    'Express 4',
    () => {
      instrumentExpress(express4);
      return createCatalogApp(express4, 4);
    },
  ],
])('golden tool list of the catalog app on %s', (label, build) => {
  it('matches the committed golden file', async () => {
    const tools = new McpAdapter(build()).tools.map((tool) => ({
      name: tool.name,
      title: tool.title,
      description: tool.description,
      inputSchema: tool.inputSchema,
      annotations: tool.annotations,
    }));
    expect(tools).toHaveLength(23);
    const file = `./__snapshots__/catalog-${label.replace(' ', '').toLowerCase()}.tools.golden.json`;
    await expect(`${JSON.stringify(tools, null, 2)}\n`).toMatchFileSnapshot(file);
  });
});
