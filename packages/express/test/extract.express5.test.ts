import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { RouteInfo } from '@backend2mcp/core';
import express from 'express';
import { afterAll, describe, expect, it } from 'vitest';
import { extractRoutes, instrumentExpress } from '../src/extract/index.js';
import { mcp, readRouteMeta } from '../src/route-meta.js';
import { sampleUrl, serve } from './fixtures/serve.js';
import { createStoreApp, EXPRESS5_SYNTAX } from './fixtures/store-app.js';

const require = createRequire(import.meta.url);

// Built BEFORE express is instrumented: what router 2.3 alone lets extraction read.
const fallbackApp = createStoreApp(express, EXPRESS5_SYNTAX);
const legacyRouterApp = createStoreApp(express, EXPRESS5_SYNTAX);
const earlyRouter = express.Router();
instrumentExpress(express);
const app = createStoreApp(express, EXPRESS5_SYNTAX);

type Row = [method: string, path: string, label: string, meta?: RouteInfo['meta']];

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
  ['GET', '/files/*path', 'files'],
  ['GET', '/reports{/:year}', 'reports'],
  ['GET', '/items/:id', 'items.byId'],
  ['GET', '/download/:file.:ext', 'download'],
  [
    'GET',
    '/search',
    'search',
    { name: 'search_everything', description: 'Full-text search.', tags: ['search', 'catalog'] },
  ],
  ['GET', '/internal', 'internal', { hidden: true }],
  ['GET', '/ping', 'ping'],
];
const ROUTER_ROUTES: Row[] = [
  ['GET', '/api/v1/status', 'status'],
  ['GET', '/api/v1/orgs/:orgId/projects', 'projects.list'],
  ['GET', '/api/v1/orgs/:orgId/projects/:projectId', 'projects.get', { title: 'Update a project' }],
  ['PATCH', '/api/v1/orgs/:orgId/projects/:projectId', 'projects.update', { title: 'Update a project' }],
  ['GET', '/v2/version', 'version'],
  ['GET', '/latest/version', 'version'],
  ['GET', '/whoami', 'whoami'],
  ['GET', '/shops/:shopId/items/:itemId', 'shops.item'],
];
const SUB_APP_ROUTES: Row[] = [
  ['GET', '/admin/stats', 'admin.stats'],
  ['DELETE', '/admin/cache', 'admin.cache'],
  ['GET', '/admin/jobs/:jobId', 'admin.job'],
];
// An app's own HEAD route is not a tool by default (see plugin-routes.test.ts).
const SKIPPED = ['route in app: /^\\/legacy\\/.*$/', 'HEAD /ping', 'PROPFIND /dav'];

const listed = (routes: RouteInfo[]) =>
  routes.map(({ method, path, paramPatterns, meta }) => ({ method, path, paramPatterns, meta }));
const rows = (expected: Row[]) =>
  expected.map(([method, path, , meta]) => ({ method, path, paramPatterns: undefined, meta }));

describe('Express 5 route extraction, instrumented', () => {
  const { routes, skipped } = extractRoutes(app);

  it('lists every route of the store app with its full template, in registration order', () => {
    expect(listed(routes)).toEqual(rows([...ROOT_ROUTES, ...ROUTER_ROUTES, ...SUB_APP_ROUTES]));
  });

  it('reports the regex route and the method with no tool, and nothing else', () => {
    expect(skipped.map((entry) => entry.route)).toEqual(SKIPPED);
    expect(skipped[0]!.reason).toContain('regular-expression path');
  });

  it('says where each route came from', () => {
    const sourceOf = (method: string, path: string) =>
      routes.find((route) => route.method === method && route.path === path)?.source;
    expect(sourceOf('GET', '/health')).toBe('app');
    expect(sourceOf('GET', '/api/v1/status')).toBe('router mounted at /api/v1');
    expect(sourceOf('PATCH', '/api/v1/orgs/:orgId/projects/:projectId')).toBe(
      'router mounted at /api/v1/orgs/:orgId',
    );
    expect(sourceOf('GET', '/latest/version')).toBe('router mounted at /v2, /latest');
    expect(sourceOf('GET', '/admin/jobs/:jobId')).toBe('sub-app mounted at /admin/jobs');
  });

  it('leaves out the MCP endpoint, whether a router, a middleware or a route handler', () => {
    expect(routes.filter((route) => route.path.startsWith('/mcp'))).toEqual([]);
  });

  it('keeps only the first of routes that match the same requests, as Express dispatches', () => {
    expect(routes.filter((route) => route.path === '/health')).toHaveLength(1);
    // `/users/:id` and `/items/:slug` match exactly what `/users/:userId` and `/items/:id` match.
    expect(routes.some((route) => route.path === '/users/:id' || route.path === '/items/:slug')).toBe(false);
  });

  it('gives templates that reach the very route they were extracted from', async () => {
    const server = await serve(app);
    try {
      const expected = [...ROOT_ROUTES, ...ROUTER_ROUTES, ...SUB_APP_ROUTES];
      for (const [method, path, label] of expected) {
        const response = await fetch(server.origin + sampleUrl(path), { method });
        expect({ method, path, label: response.headers.get('x-label') }).toEqual({ method, path, label });
      }
    } finally {
      await server.close();
    }
  });
});

describe('Express 5 route extraction without instrumentation', () => {
  it('reads routers from router 2.3 `rawPath`, and reports the sub-app it cannot reach', () => {
    const { routes, skipped } = extractRoutes(fallbackApp);
    expect(listed(routes)).toEqual(rows([...ROOT_ROUTES, ...ROUTER_ROUTES]));
    expect(skipped.map((entry) => entry.route)).toEqual([...SKIPPED, 'sub-app at /admin']);
    expect(skipped[3]!.reason).toContain('node --import @backend2mcp/express/register');
  });

  it('on a router that keeps no `rawPath` (router 2.0-2.2), reports mounted routers instead of guessing', () => {
    forgetRawPaths(legacyRouterApp.router.stack);
    const { routes, skipped } = extractRoutes(legacyRouterApp);
    // A root mount is still known for sure: the layer says it is one (`slash`).
    expect(listed(routes)).toEqual(rows([...ROOT_ROUTES, ['GET', '/whoami', 'whoami']]));
    expect(skipped.map((entry) => entry.route)).toEqual([
      ...SKIPPED,
      'router in app',
      'router in app',
      'router in app',
      'sub-app',
    ]);
    expect(skipped[3]!.reason).toContain('so what it holds is not exposed (1 nested router)');
  });
});

describe('instrumentExpress on Express 5', () => {
  it('patches the one copy `import express` and `require("express")` share, once', () => {
    expect(require('express')).toBe(express);
    const patched = express.Router.prototype.use;
    expect(instrumentExpress(express)).toBe(true);
    expect(express.Router.prototype.use).toBe(patched);
  });

  it('refuses a module that is not Express', () => {
    expect(instrumentExpress({ Router: undefined, application: {} })).toBe(false);
  });

  it('tags mounts with their exact path (arrays copied), even on a router created before it ran', () => {
    const items = express.Router();
    items.get('/:id', (_req, res) => res.end());
    const paths = ['/a', '/b'];
    earlyRouter.use(paths, items);
    paths.push('/c');
    forgetRawPaths(earlyRouter.stack);
    expect(extractRoutes(earlyRouter as never).routes.map((route) => route.path)).toEqual([
      '/a/:id',
      '/b/:id',
    ]);
  });
});

describe('mcp() on Express 5', () => {
  it('is a pass-through middleware carrying its metadata', () => {
    const marker = mcp({ description: 'Fetch a user' });
    let called = false;
    marker({}, {}, () => {
      called = true;
    });
    expect(called).toBe(true);
    expect(readRouteMeta(marker)).toEqual({ description: 'Fetch a user' });
    expect(readRouteMeta(() => undefined)).toBeUndefined();
  });

  it('merges several markers of one route in order, later fields winning', () => {
    const local = express();
    local.get(
      '/x',
      mcp({ title: 'First', annotations: { readOnlyHint: true } }),
      mcp({ title: 'Second', annotations: { openWorldHint: false } }),
      (_req, res) => res.end(),
    );
    expect(extractRoutes(local).routes[0]!.meta).toEqual({
      title: 'Second',
      annotations: { readOnlyHint: true, openWorldHint: false },
    });
  });
});

describe('mcp({ hidden: true }) on a path with no template', () => {
  it('silences the warning, since the route would never be a tool anyway', () => {
    const local = express();
    local.get(/^\/legacy\/.*$/, mcp({ hidden: true }), (_req, res) => res.end());
    expect(extractRoutes(local)).toEqual({ routes: [], skipped: [] });
  });
});

describe('the register preload on Express 5', () => {
  const here = dirname(fileURLToPath(import.meta.url));
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  /** A user project whose `express` is this repository's copy, with an app that builds before importing extraction. */
  function project(withExpress: boolean): string {
    const dir = mkdtempSync(join(tmpdir(), 'backend2mcp-extract-'));
    dirs.push(dir);
    if (withExpress) {
      mkdirSync(join(dir, 'node_modules'));
      symlinkSync(
        realpathSync(dirname(require.resolve('express/package.json'))),
        join(dir, 'node_modules/express'),
      );
    }
    return dir;
  }

  function run(cwd: string, script: string): string {
    writeFileSync(join(cwd, 'app.mjs'), script);
    return execFileSync(
      process.execPath,
      [
        '--import',
        pathToFileURL(require.resolve('tsx')).href,
        '--import',
        pathToFileURL(join(here, '../src/register.ts')).href,
        join(cwd, 'app.mjs'),
      ],
      {
        cwd,
        encoding: 'utf8',
        env: { ...process.env, EXTRACT_ENTRY: pathToFileURL(join(here, '../src/extract/index.ts')).href },
      },
    );
  }

  it('instruments the express the working directory resolves, before the app is built', () => {
    const output = run(
      project(true),
      `import express from 'express';
const ok = (_req, res) => res.end();
const admin = express();
admin.get('/stats', ok);
const v1 = express.Router();
v1.get('/items/:id', ok);
const app = express();
app.use('/api/v1', v1);
app.use('/admin', admin);
const { extractRoutes } = await import(process.env.EXTRACT_ENTRY);
process.stdout.write(JSON.stringify(extractRoutes(app)));`,
    );
    expect(JSON.parse(output)).toEqual({
      routes: [
        { method: 'GET', path: '/api/v1/items/:id', source: 'router mounted at /api/v1' },
        { method: 'GET', path: '/admin/stats', source: 'sub-app mounted at /admin' },
      ],
      skipped: [],
    });
  });

  it('is harmless where express is not installed', () => {
    expect(run(project(false), `process.stdout.write('still running');`)).toBe('still running');
  });
});

/** Deletes `rawPath` from every mount layer, as routers before 2.3 never set it. */
function forgetRawPaths(layers: unknown[]): void {
  for (const layer of layers as Array<{ rawPath?: unknown; route?: unknown; handle: { stack?: unknown } }>) {
    if (layer.route) continue;
    delete layer.rawPath;
    if (Array.isArray(layer.handle.stack)) forgetRawPaths(layer.handle.stack);
  }
}
