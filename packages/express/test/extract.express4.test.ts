import { createRequire } from 'node:module';
import type { RouteInfo } from '@backend2mcp/core';
import { describe, expect, it } from 'vitest';
import { extractRoutes, instrumentExpress, translateExpress4Path } from '../src/extract/index.js';
import { sampleUrl, serve } from './fixtures/serve.js';
import { createStoreApp, EXPRESS4_SYNTAX } from './fixtures/store-app.js';

const express4 = createRequire(import.meta.url)('express4');

// Built BEFORE express 4 is instrumented: Express 4 keeps no mount path at all.
const fallbackApp = createStoreApp(express4, EXPRESS4_SYNTAX);
instrumentExpress(express4);
const app = createStoreApp(express4, EXPRESS4_SYNTAX);

type Row = [method: string, path: string, label: string, extra?: Pick<RouteInfo, 'paramPatterns' | 'meta'>];

const ROOT_ROUTES: Row[] = [
  ['GET', '/', 'home'],
  ['GET', '/health', 'health'],
  ['GET', '/users', 'users.list'],
  ['POST', '/users', 'users.create'],
  ['GET', '/users/:userId', 'users.get'],
  ['PUT', '/users/:userId', 'users.replace'],
  ['DELETE', '/users/:userId', 'users.delete'],
  ['GET', '/about', 'about'],
  ['GET', '/info', 'about'],
  ['GET', '/echo', 'echo'],
  ['POST', '/echo', 'echo'],
  ['PUT', '/echo', 'echo'],
  ['PATCH', '/echo', 'echo'],
  ['DELETE', '/echo', 'echo'],
  ['GET', '/files/*splat', 'files'],
  ['GET', '/reports{/:year}', 'reports'],
  ['GET', '/items/:id', 'items.byId', { paramPatterns: { id: '\\d+' } }],
  // Not shadowed here, unlike on Express 5: `:id(\\d+)` leaves every non-numeric id to it.
  ['GET', '/items/:slug', 'items.bySlug'],
  ['GET', '/download/:file.:ext', 'download'],
  [
    'GET',
    '/search',
    'search',
    { meta: { name: 'search_everything', description: 'Full-text search.', tags: ['search', 'catalog'] } },
  ],
  ['GET', '/internal', 'internal', { meta: { hidden: true } }],
  ['GET', '/ping', 'ping'],
];
const ROOT_ROUTER_ROUTES: Row[] = [['GET', '/whoami', 'whoami']];
const MOUNTED_ROUTES: Row[] = [
  ['GET', '/api/v1/status', 'status'],
  ['GET', '/api/v1/orgs/:orgId/projects', 'projects.list'],
  ['GET', '/api/v1/orgs/:orgId/projects/:projectId', 'projects.get', { meta: { title: 'Update a project' } }],
  [
    'PATCH',
    '/api/v1/orgs/:orgId/projects/:projectId',
    'projects.update',
    { meta: { title: 'Update a project' } },
  ],
  ['GET', '/v2/version', 'version'],
  ['GET', '/latest/version', 'version'],
  ...ROOT_ROUTER_ROUTES,
  [
    'GET',
    '/shops/:shopId/items/:itemId',
    'shops.item',
    { paramPatterns: { shopId: '\\d+', itemId: '\\d+' } },
  ],
  ['GET', '/admin/stats', 'admin.stats'],
  ['DELETE', '/admin/cache', 'admin.cache'],
  ['GET', '/admin/jobs/:jobId', 'admin.job'],
];
// An app's own HEAD route is not a tool by default (see plugin-routes.test.ts).
const SKIPPED = ['route in app: /^\\/legacy\\/.*$/', 'HEAD /ping', 'PROPFIND /dav'];

const listed = (routes: RouteInfo[]) =>
  routes.map(({ method, path, paramPatterns, meta }) => ({ method, path, paramPatterns, meta }));
const rows = (expected: Row[]) =>
  expected.map(([method, path, , extra]) => ({
    method,
    path,
    paramPatterns: extra?.paramPatterns,
    meta: extra?.meta,
  }));

describe('Express 4 route extraction, instrumented', () => {
  const { routes, skipped } = extractRoutes(app);

  it('lists every route of the store app, translated to v8 templates, with param patterns', () => {
    expect(listed(routes)).toEqual(rows([...ROOT_ROUTES, ...MOUNTED_ROUTES]));
  });

  it('reports the regex route and the method with no tool, and nothing else', () => {
    expect(skipped.map((entry) => entry.route)).toEqual(SKIPPED);
  });

  it('says where each route came from', () => {
    const sourceOf = (path: string) => routes.find((route) => route.path === path)?.source;
    expect(sourceOf('/api/v1/orgs/:orgId/projects')).toBe('router mounted at /api/v1/orgs/:orgId');
    expect(sourceOf('/shops/:shopId/items/:itemId')).toBe('router mounted at /shops/:shopId');
    expect(sourceOf('/admin/jobs/:jobId')).toBe('sub-app mounted at /admin/jobs');
  });

  it('gives templates that reach the very route they were extracted from', async () => {
    const server = await serve(app);
    try {
      for (const [method, path, label, extra] of [...ROOT_ROUTES, ...MOUNTED_ROUTES]) {
        const response = await fetch(server.origin + sampleUrl(path, extra?.paramPatterns), { method });
        expect({ method, path, label: response.headers.get('x-label') }).toEqual({ method, path, label });
      }
    } finally {
      await server.close();
    }
  });
});

describe('Express 4 route extraction without instrumentation', () => {
  it('reads what is on the app and at `/`, and reports every other mount instead of guessing', () => {
    const { routes, skipped } = extractRoutes(fallbackApp);
    expect(listed(routes)).toEqual(rows([...ROOT_ROUTES, ...ROOT_ROUTER_ROUTES]));
    expect(skipped.map((entry) => entry.route)).toEqual([
      ...SKIPPED,
      'router in app',
      'router in app',
      'router in app',
      'sub-app',
    ]);
    expect(skipped[4]!.reason).toContain('so what it holds is not exposed (GET /version)');
    expect(skipped[5]!.reason).toContain('(GET /items/:itemId(\\d+))');
    expect(skipped[6]!.reason).toContain('node --import @backend2mcp/express/register');
  });
});

/**
 * Each Express 4 path, its template, and what the app sees for the sample URL
 * built from the template (proof that the template reaches the route).
 */
const TRANSLATIONS: Array<{
  path: string;
  template: string;
  paramPatterns?: Record<string, string>;
  url: string;
  params: Record<string, string>;
}> = [
  { path: '/users/:id', template: '/users/:id', url: '/users/s-id', params: { id: 's-id' } },
  { path: '/users/:id?', template: '/users{/:id}', url: '/users/s-id', params: { id: 's-id' } },
  {
    path: '/items/:id(\\d+)',
    template: '/items/:id',
    paramPatterns: { id: '\\d+' },
    url: '/items/42',
    params: { id: '42' },
  },
  { path: '/files/*', template: '/files/*splat', url: '/files/a/b', params: { 0: 'a/b' } },
  { path: '/a/*/b/*', template: '/a/*splat/b/*splat1', url: '/a/a/b/b/a/b', params: { 0: 'a/b', 1: 'a/b' } },
  { path: '/files/*.json', template: '/files/*splat.json', url: '/files/a/b.json', params: { 0: 'a/b' } },
  { path: '/img/*px', template: '/img/*splat\\px', url: '/img/a/bpx', params: { 0: 'a/b' } },
  {
    path: '/:splat/*',
    template: '/:splat/*splat1',
    url: '/s-splat/a/b',
    params: { splat: 's-splat', 0: 'a/b' },
  },
  {
    path: '/:file.:ext',
    template: '/:file.:ext',
    url: '/s-file.s-ext',
    params: { file: 's-file', ext: 's-ext' },
  },
  {
    path: '/:name.:format?',
    template: '/:name{.:format}',
    url: '/s-name.s-format',
    params: { name: 's-name', format: 's-format' },
  },
  {
    path: '/docs/:page*',
    template: '/docs/:page{/*splat}',
    url: '/docs/s-page/a/b',
    params: { page: 's-page', 0: '/a/b' },
  },
  { path: '/v:version', template: '/v:version', url: '/vs-version', params: { version: 's-version' } },
  { path: '/:1st', template: '/:"1st"', url: '/s-1st', params: { '1st': 's-1st' } },
  { path: '/wow\\!', template: '/wow\\!', url: '/wow!', params: {} },
  { path: '/', template: '/', url: '/', params: {} },
];

describe('Express 4 path syntax -> path-to-regexp v8 template', () => {
  it.each(TRANSLATIONS)('$path -> $template', async ({ path, template, paramPatterns, url, params }) => {
    expect(translateExpress4Path(path)).toEqual({
      ok: true,
      template,
      ...(paramPatterns ? { paramPatterns } : {}),
    });

    const single = express4();
    single.get(path, (req: any, res: any) => res.json({ ...req.params }));
    const [route] = extractRoutes(single).routes;
    expect(route?.path).toBe(template);
    expect(sampleUrl(template, paramPatterns)).toBe(url);
    const server = await serve(single);
    try {
      const response = await fetch(server.origin + url);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual(params);
    } finally {
      await server.close();
    }
  });

  it.each(['/ab?cd', '/ab+cd', '/a|b', '/user/(\\d+)', '/:id(\\d+)+', '/x\\d', '/files/*?'])(
    'reports %s, whose regex syntax has no template',
    (path) => {
      expect(translateExpress4Path(path)).toEqual({
        ok: false,
        reason: `the Express 4 path "${path}" uses regular-expression syntax that has no route template; give the route a plain path or hide it with mcp({ hidden: true })`,
      });
    },
  );

  it('takes the pattern of a mount path onto the routes below it', () => {
    const local = express4();
    const router = express4.Router();
    router.get('/:b', (_req: any, res: any) => res.end());
    local.use('/x/:a([a-z]+)', router);
    expect(extractRoutes(local).routes).toEqual([
      {
        method: 'GET',
        path: '/x/:a/:b',
        paramPatterns: { a: '[a-z]+' },
        source: 'router mounted at /x/:a',
      },
    ]);
  });

  it('reports a route that would need one value in two places', () => {
    const local = express4();
    const router = express4.Router();
    router.get('/items/:id', (_req: any, res: any) => res.end());
    local.use('/orgs/:id', router);
    const { routes, skipped } = extractRoutes(local);
    expect(routes).toEqual([]);
    expect(skipped).toEqual([
      {
        route: '/orgs/:id/items/:id',
        reason:
          'the path param "id" appears twice (in a mount path and below it); rename one so each can be given its own value',
      },
    ]);
  });
});
