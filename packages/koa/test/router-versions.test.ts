import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { Cleanups, connectInMemory, textOf } from '@backend2mcp/test-support';
import { afterEach, describe, expect, it } from 'vitest';
import { koaPathTemplate } from '../src/extract/legacy-path.js';
import { extractRoutes, type KoaAppLike, McpAdapter, type McpRequestInfo } from '../src/index.js';

const require = createRequire(import.meta.url);

/** The little of Koa and its routers these apps use; the old versions ship no types. */
interface Ctx {
  params: Record<string, string | undefined>;
  body: unknown;
  req: IncomingMessage;
}
type Handler = (ctx: Ctx) => void;
interface RouterLike {
  get(path: string, handler: Handler): unknown;
  routes(): unknown;
}
interface AppLike extends KoaAppLike {
  use(middleware: unknown): unknown;
}

const cleanups = new Cleanups();
afterEach(() => cleanups.run());

/** Every router version the package's peer range claims, with its own path syntax. */
const VERSIONS = [
  {
    name: 'koa 2 + koa-router 7',
    Koa: require('koa2') as new () => AppLike,
    Router: require('koa-router7') as new () => RouterLike,
    legacy: true,
  },
  {
    name: 'koa 2 + @koa/router 13',
    Koa: require('koa2') as new () => AppLike,
    Router: require('koa-router13') as new () => RouterLike,
    legacy: true,
  },
  {
    name: 'koa 3 + @koa/router 14',
    Koa: require('koa') as new () => AppLike,
    Router: require('koa-router14') as new () => RouterLike,
    // @koa/router 14 already speaks path-to-regexp v8, like 15.
    legacy: false,
  },
  {
    name: 'koa 3 + @koa/router 15',
    Koa: require('koa') as new () => AppLike,
    Router: require('@koa/router') as new () => RouterLike,
    legacy: false,
  },
] as const;

function createApp({ Koa, Router, legacy }: (typeof VERSIONS)[number]) {
  const app = new Koa();
  const router = new Router();
  router.get('/health', (ctx) => {
    ctx.body = { ok: true, viaMcp: ctx.req.mcp?.toolName ?? null };
  });
  router.get(legacy ? '/archive/:year?' : '/archive{/:year}', (ctx) => {
    ctx.body = { year: ctx.params.year ?? null };
  });
  router.get(legacy ? '/items/:id(\\d+)' : '/items/:id', (ctx) => {
    ctx.body = { id: ctx.params.id };
  });
  router.get(legacy ? '/files/(.*)' : '/files/*rest', (ctx) => {
    ctx.body = { rest: legacy ? ctx.params[0] : ctx.params.rest };
  });
  app.use(router.routes());
  return app;
}

async function listen(app: AppLike): Promise<string> {
  const server = createServer(app.callback() as Parameters<typeof createServer>[0]);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  cleanups.add(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe.each(VERSIONS)('$name', (version) => {
  const wildcard = version.legacy ? 'splat' : 'rest';

  it('lists every route as a tool with its params', async () => {
    const client = await connectInMemory(new McpAdapter(createApp(version)), cleanups);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual([
      'get_health',
      'get_archive_by_year',
      'get_items_by_id',
      `get_files_by_${wildcard}`,
    ]);
    const byName = new Map(tools.map((tool) => [tool.name, tool.inputSchema]));
    expect(byName.get('get_archive_by_year')?.required).toBeUndefined();
    expect(byName.get('get_items_by_id')).toMatchObject({
      properties: { id: version.legacy ? { type: 'integer', minimum: 0 } : { type: 'string' } },
      required: ['id'],
    });
    expect(byName.get(`get_files_by_${wildcard}`)?.properties).toHaveProperty(wildcard);
  });

  it('answers each tool call as the same request over HTTP does', async () => {
    const app = createApp(version);
    const client = await connectInMemory(new McpAdapter(app), cleanups);
    const base = await listen(app);
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['get_archive_by_year', { year: '2024' }, '/archive/2024'],
      ['get_archive_by_year', {}, '/archive'],
      ['get_items_by_id', { id: version.legacy ? 42 : '42' }, '/items/42'],
      [`get_files_by_${wildcard}`, { [wildcard]: 'docs/a b.txt' }, '/files/docs/a%20b.txt'],
    ];
    for (const [tool, args, path] of cases) {
      const result = await client.callTool({ name: tool, arguments: args });
      const response = await fetch(`${base}${path}`);
      expect(response.status, path).toBe(200);
      const overHttp = await response.json();
      expect(result.isError ?? false, `${tool}: ${textOf(result)}`).toBe(false);
      expect(JSON.parse(textOf(result)), `${tool} ${JSON.stringify(args)}`).toEqual(overHttp);
    }
    expect(await (await fetch(`${base}/files/docs/a%20b.txt`)).json()).toEqual({ rest: 'docs/a b.txt' });
    expect(await (await fetch(`${base}/archive`)).json()).toEqual({ year: null });
  });

  it('shows the route the MCP call as ctx.req.mcp, and plain HTTP requests none', async () => {
    const app = createApp(version);
    const client = await connectInMemory(new McpAdapter(app), cleanups);
    const base = await listen(app);
    const result = await client.callTool({ name: 'get_health', arguments: {} });
    expect(JSON.parse(textOf(result))).toEqual({ ok: true, viaMcp: 'get_health' });
    expect(await (await fetch(`${base}/health`)).json()).toEqual({ ok: true, viaMcp: null });
  });
});

describe('old path syntax the tool template cannot express', () => {
  it('is skipped with a reason, not a raw path-to-regexp error', () => {
    const version = VERSIONS[1];
    const app = new version.Koa();
    const router = new version.Router();
    router.get('/v{-:ver}?', (ctx) => {
      ctx.body = { ver: ctx.params.ver ?? null };
    });
    router.get('/ok', (ctx) => {
      ctx.body = {};
    });
    app.use(router.routes());
    const { routes, skipped } = extractRoutes(app);
    expect(routes.map((route) => `${route.method} ${route.path}`)).toEqual(['GET /ok']);
    expect(skipped).toEqual([
      {
        route: 'HEAD,GET /v{-:ver}?',
        reason:
          'the router path "/v{-:ver}?" cannot become a tool path template (a `{...}` group has no equivalent in the tool path template); give the route a plain path, or mark it mcp({ hidden: true }) to silence this',
      },
    ]);
  });
});

describe('koaPathTemplate', () => {
  it.each([
    ['/users/:id', { ok: true, template: '/users/:id' }],
    ['/archive{/:year}', { ok: true, template: '/archive{/:year}' }],
    ['/archive/:year?', { ok: true, template: '/archive{/:year}' }],
    ['/items/:id(\\d+)', { ok: true, template: '/items/:id', paramPatterns: { id: '\\d+' } }],
    ['/files/(.*)', { ok: true, template: '/files{/*splat}' }],
    ['/files/*', { ok: true, template: '/files{/*splat}' }],
    ['/docs/:path*', { ok: true, template: '/docs{/*path}' }],
    ['/docs/:path+', { ok: true, template: '/docs/*path' }],
    ['/:file.:ext?', { ok: true, template: '/:file{.:ext}' }],
    ['/a/(\\d+)/:splat', { ok: true, template: '/a/:splat1/:splat', paramPatterns: { splat1: '\\d+' } }],
  ])('%s', (path, expected) => {
    expect(koaPathTemplate(path)).toEqual(expected);
  });

  it('refuses a repeated custom pattern, which no template expresses', () => {
    expect(koaPathTemplate('/a/:id(\\d+)+')).toMatchObject({ ok: false });
  });
});

// ctx.req.mcp is typed by the package (compile-time check, run by the package's typecheck).
const typed: (req: IncomingMessage) => McpRequestInfo | undefined = (req) => req.mcp;
void typed;
