/**
 * A third-party adapter built from the public adapter API alone (the worked
 * example of docs/writing-an-adapter.md, in fixtures/tiny-router-adapter.ts)
 * passes the same kit the four adapters run: reliability and security, and
 * the tool surface. What the API promises, this proves.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import {
  DEEP_JSON,
  describeAdapterApi,
  describeReliability,
  describeToolSurface,
  type GeneratedRoute,
  type MountTarget,
  type ReliabilityFixture,
  ReliabilityLog,
  type ReliabilityOptions,
  SEARCH_OVERRIDE,
  STREAM_FAILURE_SECRET,
  type SurfaceFixture,
  v8Template,
} from '@backend2mcp/test-support';
import { describe, expect, it } from 'vitest';
import { HttpError, sendJson, TinyRouter } from './fixtures/tiny-router.js';
import * as tinyAdapter from './fixtures/tiny-router-adapter.js';
import { descriptor, McpAdapter, mcpContext } from './fixtures/tiny-router-adapter.js';

const PEOPLE_SCHEMA = {
  type: 'object',
  properties: { name: { type: 'string' }, age: { type: 'integer', minimum: 0 } },
  required: ['name'],
  additionalProperties: false,
};
const TRACE_HEADERS = { type: 'object', properties: { 'x-trace': { type: 'string' } } };
const silent = { onWarning: () => {} };

/** A stream that never ends: `produce` runs every `everyMs` until the stream closes. */
function endless(log: ReliabilityLog, name: string, produce: () => Buffer, everyMs: number): Readable {
  const stream = new Readable({ read() {} });
  const timer = setInterval(() => stream.push(produce()), everyMs);
  stream.on('close', () => {
    clearInterval(timer);
    log.closed.push(name);
  });
  return stream;
}

/** The reliability fixture routes (see `RELIABILITY_TOOLS` in the kit) on a TinyRouter. */
function reliabilityRouter(log: ReliabilityLog): TinyRouter {
  const pipeForever = (stream: Readable, res: import('node:http').ServerResponse, type: string) => {
    res.writeHead(200, { 'content-type': type });
    res.on('close', () => stream.destroy());
    stream.pipe(res);
  };
  return new TinyRouter()
    .get('/items/:id', (req, res) => {
      log.calls.push('items');
      sendJson(res, 200, { id: req.params.id });
    })
    .post(
      '/people',
      (req, res) => {
        log.calls.push('people');
        sendJson(res, 200, req.body);
      },
      { mcp: { schemas: { body: PEOPLE_SCHEMA } } },
    )
    .get(
      '/trace',
      (req, res) => {
        log.calls.push('trace');
        sendJson(res, 200, { trace: req.headers['x-trace'] });
      },
      { mcp: { schemas: { headers: TRACE_HEADERS } } },
    )
    .post('/echo', (req, res) => {
      log.calls.push('echo');
      sendJson(res, 200, { body: req.body });
    })
    .get('/fail/sync', () => {
      throw new Error('thrown synchronously');
    })
    .get('/fail/async', async () => {
      await new Promise((resolve) => setImmediate(resolve));
      throw new Error('rejected');
    })
    .get('/fail/forward', () => {
      throw new HttpError(503, 'service unavailable');
    })
    .get('/hang', (_req, res) => {
      log.calls.push('hang');
      return new Promise<void>((resolve) => {
        res.on('close', () => {
          if (!res.writableFinished) log.closed.push('hang');
          resolve();
        });
      });
    })
    .get('/drip', (_req, res) =>
      pipeForever(
        endless(log, 'drip', () => Buffer.from('drip\n'), 20),
        res,
        'text/plain',
      ),
    )
    .get('/flood', (_req, res) => {
      const chunk = Buffer.alloc(64 * 1024, 0x78);
      pipeForever(
        endless(log, 'flood', () => chunk, 1),
        res,
        'application/octet-stream',
      );
    })
    .get('/big', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('y'.repeat(256 * 1024));
    })
    .get('/fail/stream', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).write('{"partial":');
      setImmediate(() => res.destroy(new Error(STREAM_FAILURE_SECRET)));
    })
    .get('/deep', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(DEEP_JSON);
    })
    .get('/slot/:n', async (req, res) => {
      await log.slots.pass();
      sendJson(res, 200, { n: req.params.n });
    });
}

const tinyReliability: ReliabilityFixture = {
  wildcards: true,
  refusesPrototypeKeys: false,
  create(options: ReliabilityOptions = {}) {
    const log = new ReliabilityLog();
    return { adapter: descriptor.create(reliabilityRouter(log), { ...silent, ...options }), log };
  },
  async mount(options: ReliabilityOptions = {}, target: MountTarget = {}) {
    const log = new ReliabilityLog();
    const router = reliabilityRouter(log);
    const adapter = new McpAdapter(router, { ...silent, ...options }).mount('/mcp');
    const server: Server = target.socketPath
      ? createServer(router.listener).listen(target.socketPath)
      : createServer(router.listener).listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = target.socketPath ? 80 : (server.address() as AddressInfo).port;
    return {
      log,
      endpoint: {
        url: new URL(`http://127.0.0.1:${port}/mcp`),
        close: async () => {
          await adapter.close();
          server.closeAllConnections();
          await new Promise((resolve) => server.close(resolve));
        },
      },
    };
  },
  createRoutes(routes: GeneratedRoute[], onHit: (id: number) => void) {
    const router = new TinyRouter();
    for (const route of routes) {
      router.get(v8Template(route), (req, res) => {
        onHit(route.id);
        const params: Record<string, string> = {};
        for (const piece of route.segments) {
          if (piece.kind !== 'literal') params[piece.name] = req.params[piece.name]!;
        }
        sendJson(res, 200, { route: route.id, params, q: req.query.get('q') ?? undefined });
      });
    }
    return new McpAdapter(router, silent);
  },
};

const tinySurface: SurfaceFixture = {
  async create(options) {
    const router = new TinyRouter()
      .get('/config', (_req, res) => sendJson(res, 200, { theme: 'dark' }), { mcp: { tags: ['settings'] } })
      .get('/users/:id', (req, res) =>
        req.params.id === 'missing'
          ? sendJson(res, 404, { error: 'no such user' })
          : sendJson(res, 200, { id: req.params.id, name: 'Ada' }),
      )
      .post('/users', (req, res) =>
        sendJson(res, 201, { id: '2', name: (req.body as { name?: string }).name }),
      )
      .delete('/users/:id', (_req, res) => res.writeHead(204).end())
      .get('/admin/stats', (_req, res) => sendJson(res, 200, { users: 1 }), { mcp: { tags: ['admin'] } })
      .get('/internal', (_req, res) => sendJson(res, 200, { secret: true }), { mcp: { hidden: true } })
      .get(
        '/search',
        (req, res) => {
          const limit = req.query.get('limit');
          sendJson(res, 200, { q: req.query.get('q'), limit: limit === null ? null : Number(limit) });
        },
        { mcp: SEARCH_OVERRIDE },
      )
      .get('/files/:name', (req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' }).end(`contents of ${req.params.name}`);
      });
    return {
      adapter: new McpAdapter(router, options as object),
      addLateRoute: () => router.get('/late', (_req, res) => sendJson(res, 200, { late: true })),
    };
  },
  async createLarge(count) {
    const router = new TinyRouter();
    for (let n = 0; n < count; n++) router.get(`/items${n}/:id`, (_req, res) => sendJson(res, 200, { n }));
    return { adapter: new McpAdapter(router) };
  },
};

describeReliability('custom adapter (node:http router, public API only)', tinyReliability);
describeToolSurface('custom adapter (node:http router, public API only)', tinySurface);
describeAdapterApi('custom adapter (node:http router, public API only)', {
  module: tinyAdapter,
  createPingApp: () => new TinyRouter().get('/ping', (_req, res) => sendJson(res, 200, { pong: true })),
});

describe('custom adapter: the contract', () => {
  it('recognises its apps by shape, and no other value', () => {
    expect(descriptor.detect(new TinyRouter())).toBe(true);
    expect(descriptor.detect({ routes: [] })).toBe(false);
    expect(descriptor.detect(() => {})).toBe(false);
  });

  it('hands the call to the route through the one call-context store', async () => {
    const router = new TinyRouter().get('/who', (req, res) =>
      sendJson(res, 200, { tool: mcpContext(req)?.toolName ?? null }),
    );
    const adapter = descriptor.create(router);
    expect((await adapter.callTool('get_who')).structuredContent).toEqual({ tool: 'get_who' });
  });

  it('lists a method it has no tool for as skipped, in the shared wording', async () => {
    const router = new TinyRouter().on('PROPFIND', '/dav', (_req, res) => res.end());
    const adapter = new McpAdapter(router, silent);
    await adapter.server.prepare();
    expect(adapter.server.skipped).toEqual([
      {
        route: 'PROPFIND /dav',
        reason: 'backend2mcp exposes GET, POST, PUT, PATCH, DELETE, HEAD and OPTIONS; PROPFIND has no tool',
      },
    ]);
  });
});
