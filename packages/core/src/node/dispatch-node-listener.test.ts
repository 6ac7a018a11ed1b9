import { randomBytes } from 'node:crypto';
import { getEventListeners } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ErrorRequestHandler, Express, RequestHandler } from 'express';
import express from 'express';
import { afterAll, describe, expect, it } from 'vitest';
import { SILENT_REPORTER } from '../call-tool.js';
import { Backend2McpError } from '../errors.js';
import type { HttpRequest, HttpResponse } from '../http.js';
import { dispatchNodeListener } from './dispatch-node-listener.js';

// `express4` is an npm alias of express@4 with no type declarations of its own; loading it
// through require keeps TypeScript from looking for them.
const express4 = createRequire(import.meta.url)('express4') as typeof express;

const decoder = new TextDecoder();
const text = (response: HttpResponse): string => decoder.decode(response.body);
const json = (response: HttpResponse): unknown => JSON.parse(text(response));
const bytes = (value: string): Uint8Array => new TextEncoder().encode(value);

function get(url: string, headers: Record<string, string> = {}): HttpRequest {
  return { method: 'GET', url, headers };
}

function postJson(url: string, value: unknown, headers: Record<string, string> = {}): HttpRequest {
  return {
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json', ...headers },
    body: bytes(JSON.stringify(value)),
  };
}

function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

const tick = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));

async function rejectionOf(promise: Promise<unknown>): Promise<Backend2McpError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the dispatch to reject');
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(Backend2McpError);
  return error as Backend2McpError;
}

// 1x1 transparent PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

describe('dispatchNodeListener with a plain node:http listener', () => {
  it('hands the app a real request with method, url, headers, HTTP/1.1 and a loopback socket', async () => {
    const listener: RequestListener = (req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          isIncomingMessage: req instanceof http.IncomingMessage,
          isServerResponse: res instanceof http.ServerResponse,
          method: req.method,
          url: req.url,
          httpVersion: req.httpVersion,
          headers: req.headers,
          rawHeaders: req.rawHeaders,
          remoteAddress: req.socket.remoteAddress,
        }),
      );
    };

    const response = await dispatchNodeListener(
      listener,
      get('/items/a%2Fb?tag=x&tag=y', { 'x-trace': 't1' }),
    );

    expect(response.status).toBe(200);
    expect(response.headers).toEqual({ 'content-type': 'application/json' });
    expect(json(response)).toEqual({
      isIncomingMessage: true,
      isServerResponse: true,
      method: 'GET',
      url: '/items/a%2Fb?tag=x&tag=y',
      httpVersion: '1.1',
      headers: { host: 'localhost', 'x-trace': 't1' },
      rawHeaders: ['host', 'localhost', 'x-trace', 't1'],
      remoteAddress: '127.0.0.1',
    });
  });

  it('streams the request body to req.on("data") and sets content-length', async () => {
    const listener: RequestListener = (req, res) => {
      const chunks: Buffer[] = [];
      req.on('aborted', () => chunks.push(Buffer.from('[aborted]')));
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      // A fully read request closes on its own (autoDestroy); it must not count as aborted.
      req.on('close', () => res.end(`${req.headers['content-length']}:${Buffer.concat(chunks).toString()}`));
    };

    const response = await dispatchNodeListener(listener, {
      method: 'PUT',
      url: '/',
      headers: {},
      body: bytes('héllo'),
    });

    expect(text(response)).toBe('6:héllo');
  });

  it('keeps a content-length the caller already set', async () => {
    const listener: RequestListener = (req, res) => res.end(req.headers['content-length']);
    const response = await dispatchNodeListener(listener, {
      method: 'POST',
      url: '/',
      headers: { 'content-length': '2' },
      body: bytes('ab'),
    });
    expect(text(response)).toBe('2');
  });

  it('returns a Content-Length response exactly', async () => {
    const listener: RequestListener = (_req, res) => {
      res.writeHead(201, { 'Content-Type': 'text/plain', 'Content-Length': '5' });
      res.end('hello');
    };

    const response = await dispatchNodeListener(listener, get('/'));

    expect(response).toEqual({
      status: 201,
      headers: { 'content-type': 'text/plain', 'content-length': '5' },
      body: bytes('hello'),
    });
  });

  it('returns a body without Content-Length unframed (no chunked encoding)', async () => {
    const listener: RequestListener = (_req, res) => res.end('plain body');
    const response = await dispatchNodeListener(listener, get('/'));
    expect(response).toEqual({ status: 200, headers: {}, body: bytes('plain body') });
  });

  it('concatenates a streamed response written in several pieces over time', async () => {
    const listener: RequestListener = async (_req, res) => {
      res.setHeader('content-type', 'text/plain');
      for (const part of ['one,', 'two,', 'three']) {
        res.write(part);
        await tick();
      }
      res.end();
    };

    const response = await dispatchNodeListener(listener, get('/'));

    expect(response).toEqual({
      status: 200,
      headers: { 'content-type': 'text/plain' },
      body: bytes('one,two,three'),
    });
  });

  it('strips framing even when the app sets Transfer-Encoding: chunked itself', async () => {
    const listener: RequestListener = (_req, res) => {
      res.setHeader('transfer-encoding', 'chunked');
      res.write('ab');
      res.end('cd');
    };
    const response = await dispatchNodeListener(listener, get('/'));
    expect(response).toEqual({ status: 200, headers: {}, body: bytes('abcd') });
  });

  it('returns an empty body for 204 even if the app writes one', async () => {
    const listener: RequestListener = (_req, res) => {
      res.statusCode = 204;
      res.end('ignored');
    };
    const response = await dispatchNodeListener(listener, { method: 'DELETE', url: '/x', headers: {} });
    expect(response).toEqual({ status: 204, headers: {}, body: new Uint8Array() });
  });

  it('returns an empty body for HEAD while keeping the headers', async () => {
    const listener: RequestListener = (_req, res) => {
      res.setHeader('content-length', '11');
      res.end('not sent!!!');
    };
    const response = await dispatchNodeListener(listener, { method: 'HEAD', url: '/', headers: {} });
    expect(response).toEqual({ status: 200, headers: { 'content-length': '11' }, body: new Uint8Array() });
  });

  it('reads headers passed to writeHead as a flat array, keeping repeated set-cookie', async () => {
    const listener: RequestListener = (_req, res) => {
      res.writeHead(200, ['Set-Cookie', 'a=1', 'Content-Type', 'text/plain', 'Set-Cookie', 'b=2']);
      res.end('ok');
    };
    const response = await dispatchNodeListener(listener, get('/'));
    expect(response.headers).toEqual({ 'set-cookie': 'a=1, b=2', 'content-type': 'text/plain' });
    expect(text(response)).toBe('ok');
  });

  it('reads headers passed to writeHead as pairs, with a reason phrase, merged over setHeader', async () => {
    const listener: RequestListener = (_req, res) => {
      res.setHeader('x-early', 'kept');
      res.setHeader('content-type', 'text/html');
      const pairs = [
        ['content-type', 'text/plain'],
        ['x-late', 'added'],
      ];
      (res.writeHead as (status: number, reason: string, headers: unknown) => void)(202, 'Later', pairs);
      res.end();
    };
    const response = await dispatchNodeListener(listener, get('/'));
    expect(response).toEqual({
      status: 202,
      headers: { 'x-early': 'kept', 'content-type': 'text/plain', 'x-late': 'added' },
      body: new Uint8Array(),
    });
  });

  it('joins a set-cookie array set with setHeader', async () => {
    const listener: RequestListener = (_req, res) => {
      res.setHeader('Set-Cookie', ['session=abc; HttpOnly', 'theme=dark']);
      res.setHeader('x-count', 3);
      res.end();
    };
    const response = await dispatchNodeListener(listener, get('/'));
    expect(response.headers).toEqual({ 'set-cookie': 'session=abc; HttpOnly, theme=dark', 'x-count': '3' });
  });

  it('captures headers at flushHeaders() and the body written afterwards', async () => {
    const listener: RequestListener = async (_req, res) => {
      res.statusCode = 207;
      res.setHeader('content-type', 'text/event-stream');
      res.flushHeaders();
      await tick();
      res.write('data: 1\n\n');
      await tick();
      res.end('data: 2\n\n');
    };
    const response = await dispatchNodeListener(listener, get('/'));
    expect(response).toEqual({
      status: 207,
      headers: { 'content-type': 'text/event-stream' },
      body: bytes('data: 1\n\ndata: 2\n\n'),
    });
  });

  it('skips interim heads (103 Early Hints) and reports the final one', async () => {
    const listener: RequestListener = (_req, res) => {
      res.writeEarlyHints({ link: '</style.css>; rel=preload; as=style' });
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('final');
    };
    const response = await dispatchNodeListener(listener, get('/'));
    expect(response).toEqual({
      status: 200,
      headers: { 'content-type': 'text/plain' },
      body: bytes('final'),
    });
  });

  it('returns binary bytes untouched', async () => {
    const listener: RequestListener = (_req, res) => {
      res.setHeader('content-type', 'image/png');
      res.end(PNG);
    };
    const response = await dispatchNodeListener(listener, get('/'));
    expect(Buffer.from(response.body).equals(PNG)).toBe(true);
    expect(response.body.constructor).toBe(Uint8Array);
  });

  it('lets onRequest decorate req before the app sees it', async () => {
    const listener: RequestListener = (req, res) => {
      res.end(JSON.stringify((req as IncomingMessage & { mcp?: unknown }).mcp));
    };
    const context = {
      toolName: 'get_users',
      arguments: { id: 1 },
      ...SILENT_REPORTER,
    };
    const response = await dispatchNodeListener(listener, get('/'), {
      context,
      onRequest: (req) => Object.assign(req, { mcp: context }),
    });
    expect(json(response)).toEqual({ toolName: 'get_users', arguments: { id: 1 } });
  });

  it('closes req and res after answering, as http.Server does', async () => {
    const events: string[] = [];
    const closed = deferred();
    const listener: RequestListener = (req, res) => {
      req.on('close', () => {
        events.push('req close');
        if (events.length === 2) closed.resolve();
      });
      res.on('close', () => {
        events.push('res close');
        if (events.length === 2) closed.resolve();
      });
      res.end('done');
    };
    const response = await dispatchNodeListener(listener, postJson('/', { unread: true }));
    await closed.promise;
    expect(text(response)).toBe('done');
    expect(events.sort()).toEqual(['req close', 'res close']);
  });

  it('does not leave an abort listener on the signal once done', async () => {
    const controller = new AbortController();
    const listener: RequestListener = (_req, res) => res.end('ok');
    await dispatchNodeListener(listener, get('/'), { signal: controller.signal });
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});

describe('dispatchNodeListener failures', () => {
  it('rejects an already-aborted signal without calling the listener', async () => {
    let called = false;
    const reason = new Error('gone');
    const error = await rejectionOf(
      dispatchNodeListener(
        () => {
          called = true;
        },
        get('/'),
        { signal: AbortSignal.abort(reason) },
      ),
    );
    expect(error.code).toBe('DISPATCH_ABORTED');
    expect(error.cause).toBe(reason);
    expect(called).toBe(false);
  });

  it('aborts a handler that never answers: req and res close, and the signal listener is removed', async () => {
    const controller = new AbortController();
    const reached = deferred();
    const events: string[] = [];
    const bothClosed = deferred();
    const listener: RequestListener = (req, res) => {
      req.on('aborted', () => events.push('req aborted'));
      for (const [name, emitter] of [
        ['req', req],
        ['res', res],
      ] as const) {
        emitter.on('close', () => {
          events.push(`${name} close`);
          if (events.filter((event) => event.endsWith('close')).length === 2) bothClosed.resolve();
        });
      }
      reached.resolve();
    };

    const dispatch = dispatchNodeListener(listener, get('/never'), { signal: controller.signal });
    await reached.promise;
    controller.abort(new Error('caller cancelled'));
    const error = await rejectionOf(dispatch);
    await bothClosed.promise;

    expect(error.code).toBe('DISPATCH_ABORTED');
    expect((error.cause as Error).message).toBe('caller cancelled');
    expect(events.sort()).toEqual(['req aborted', 'req close', 'res close']);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('rejects RESPONSE_TOO_LARGE when the body passes maxResponseBytes, and closes the response', async () => {
    const resClosed = deferred();
    const listener: RequestListener = (_req, res) => {
      res.on('close', () => resClosed.resolve());
      res.end('x'.repeat(1001));
    };
    const error = await rejectionOf(dispatchNodeListener(listener, get('/'), { maxResponseBytes: 1000 }));
    await resClosed.promise;
    expect(error.code).toBe('RESPONSE_TOO_LARGE');
    expect(error.message).toContain('1000 bytes');
  });

  it('accepts a body of exactly maxResponseBytes', async () => {
    const listener: RequestListener = (_req, res) => res.end('x'.repeat(1000));
    const response = await dispatchNodeListener(listener, get('/'), { maxResponseBytes: 1000 });
    expect(response.body.byteLength).toBe(1000);
  });

  it('rejects RESPONSE_TOO_LARGE for a streamed body that grows past the limit', async () => {
    const listener: RequestListener = async (_req, res) => {
      for (let index = 0; index < 5; index += 1) {
        res.write('y'.repeat(400));
        await tick();
      }
      res.end();
    };
    const error = await rejectionOf(dispatchNodeListener(listener, get('/'), { maxResponseBytes: 1000 }));
    expect(error.code).toBe('RESPONSE_TOO_LARGE');
  });

  it('rejects DISPATCH_FAILED carrying the cause when the listener throws synchronously', async () => {
    const boom = new Error('boom');
    const error = await rejectionOf(
      dispatchNodeListener(() => {
        throw boom;
      }, get('/')),
    );
    expect(error.code).toBe('DISPATCH_FAILED');
    expect(error.cause).toBe(boom);
    expect(error.message).toContain('boom');
  });

  it('rejects DISPATCH_FAILED when an async listener rejects', async () => {
    const boom = new Error('async boom');
    const error = await rejectionOf(
      dispatchNodeListener(async () => {
        await tick();
        throw boom;
      }, get('/')),
    );
    expect(error.code).toBe('DISPATCH_FAILED');
    expect(error.cause).toBe(boom);
  });

  it('rejects DISPATCH_FAILED when the app destroys the response before ending it', async () => {
    const listener: RequestListener = (_req, res) => {
      res.write('partial');
      res.destroy();
    };
    const error = await rejectionOf(dispatchNodeListener(listener, get('/')));
    expect(error.code).toBe('DISPATCH_FAILED');
    expect(error.message).toContain('closed the connection before finishing');
  });

  it('rejects DISPATCH_FAILED with the error given to res.destroy(error)', async () => {
    const reason = new Error('upstream failed');
    const listener: RequestListener = (_req, res) => res.destroy(reason);
    const error = await rejectionOf(dispatchNodeListener(listener, get('/')));
    expect(error.code).toBe('DISPATCH_FAILED');
    expect(error.cause).toBe(reason);
  });
});

function buildApp(createApp: typeof express, log: { closedRequests: number }): Express {
  const app = createApp();
  app.use(createApp.json());

  const requireAuth: RequestHandler = (req, res, next) => {
    if (req.headers.authorization !== 'Bearer secret') {
      res.status(401).json({ error: 'unauthorized' });
      return;
    }
    next();
  };

  app.post('/users/:id', (req, res) => {
    res.json({ id: req.params.id, query: req.query, body: req.body, ip: req.ip });
  });
  app.get('/private/me', requireAuth, (_req, res) => {
    res.json({ me: 'alice' });
  });
  app.get('/boom', () => {
    throw new Error('kaput');
  });
  app.get('/logo.png', (_req, res) => {
    res.type('png').send(PNG);
  });
  app.get('/cookies', (_req, res) => {
    res.cookie('a', '1').cookie('b', '2').send('ok');
  });
  app.get('/stream', async (_req, res) => {
    res.type('text/plain');
    for (const part of ['alpha ', 'beta ', 'gamma']) {
      res.write(part);
      await tick(2);
    }
    res.end();
  });
  app.get('/never', (req) => {
    req.on('close', () => {
      log.closedRequests += 1;
    });
  });
  app.get('/big', (_req, res) => {
    res.send('z'.repeat(1024 * 1024));
  });
  app.post('/raw', createApp.raw({ type: '*/*' }), (req, res) => {
    res.type('application/octet-stream').send(Buffer.from(req.body as Buffer).reverse());
  });
  app.post('/echo', async (req, res) => {
    await tick(Math.floor(Math.random() * 5));
    res.json(req.body);
  });

  const errorHandler: ErrorRequestHandler = (error: Error & { status?: number }, _req, res, _next) => {
    res.status(error.status ?? 500).json({ error: error.message });
  };
  app.use(errorHandler);
  return app;
}

async function postOverRealHttp(
  app: Express,
  path: string,
  value: unknown,
): Promise<{ status: number; body: unknown }> {
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(value),
    });
    return { status: response.status, body: await response.json() };
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('dispatchNodeListener with Express 5', () => {
  const log = { closedRequests: 0 };
  const app = buildApp(express, log);
  const tempDir = mkdtempSync(join(tmpdir(), 'b2m-dispatch-'));
  afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

  it('runs express.json() and a route reading params, query and body', async () => {
    const response = await dispatchNodeListener(
      app,
      postJson('/users/42?expand=team&tag=a&tag=b', { name: 'Ada' }),
    );
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['content-length']).toBe(String(response.body.byteLength));
    expect(json(response)).toEqual({
      id: '42',
      query: { expand: 'team', tag: ['a', 'b'] },
      body: { name: 'Ada' },
      ip: '127.0.0.1',
    });
  });

  it('answers 401 from an auth middleware without the header, 200 with it', async () => {
    const denied = await dispatchNodeListener(app, get('/private/me'));
    expect(denied.status).toBe(401);
    expect(json(denied)).toEqual({ error: 'unauthorized' });

    const allowed = await dispatchNodeListener(app, get('/private/me', { authorization: 'Bearer secret' }));
    expect(allowed.status).toBe(200);
    expect(json(allowed)).toEqual({ me: 'alice' });
  });

  it('answers 500 JSON from the error handler when a route throws', async () => {
    const response = await dispatchNodeListener(app, get('/boom'));
    expect(response.status).toBe(500);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(json(response)).toEqual({ error: 'kaput' });
  });

  it('answers 404 from Express for an unknown route', async () => {
    const response = await dispatchNodeListener(app, get('/nowhere'));
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(text(response)).toContain('Cannot GET /nowhere');
  });

  it('answers 400 through the error handler when express.json() meets malformed JSON', async () => {
    const response = await dispatchNodeListener(app, {
      method: 'POST',
      url: '/users/1',
      headers: { 'content-type': 'application/json' },
      body: bytes('{"broken"'),
    });
    expect(response.status).toBe(400);
    expect(json(response)).toMatchObject({ error: expect.stringContaining('JSON') });
  });

  it('sends a binary Buffer with the right content-type', async () => {
    const response = await dispatchNodeListener(app, get('/logo.png'));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('image/png');
    expect(response.headers['content-length']).toBe(String(PNG.byteLength));
    expect(Buffer.from(response.body).equals(PNG)).toBe(true);
  });

  it('streams a file with res.sendFile (piped, larger than the socket buffer)', async () => {
    const content = randomBytes(300 * 1024);
    const file = join(tempDir, 'payload.bin');
    writeFileSync(file, content);
    const fileApp = express();
    fileApp.get('/file', (_req, res) => res.sendFile(file));

    const response = await dispatchNodeListener(fileApp, get('/file'));

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/octet-stream');
    expect(response.headers['content-length']).toBe(String(content.byteLength));
    expect(Buffer.from(response.body).equals(content)).toBe(true);
  });

  it('joins the set-cookie headers of res.cookie()', async () => {
    const response = await dispatchNodeListener(app, get('/cookies'));
    expect(response.headers['set-cookie']).toBe('a=1; Path=/, b=2; Path=/');
    expect(text(response)).toBe('ok');
  });

  it('collects a streamed route (res.write three times, then end)', async () => {
    const response = await dispatchNodeListener(app, get('/stream'));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(response.headers['transfer-encoding']).toBeUndefined();
    expect(text(response)).toBe('alpha beta gamma');
  });

  it('answers HEAD on a GET route with headers and no body', async () => {
    const response = await dispatchNodeListener(app, { method: 'HEAD', url: '/logo.png', headers: {} });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('image/png');
    expect(response.body.byteLength).toBe(0);
  });

  it('feeds express.raw() the exact request bytes', async () => {
    const response = await dispatchNodeListener(app, {
      method: 'POST',
      url: '/raw',
      headers: { 'content-type': 'application/octet-stream' },
      body: new Uint8Array([1, 2, 3, 250]),
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual(new Uint8Array([250, 3, 2, 1]));
  });

  it('aborts a route that never answers, and the route sees req close', async () => {
    const controller = new AbortController();
    const before = log.closedRequests;
    const dispatch = dispatchNodeListener(app, get('/never'), { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);

    const error = await rejectionOf(dispatch);
    await tick(10);

    expect(error.code).toBe('DISPATCH_ABORTED');
    expect(log.closedRequests).toBe(before + 1);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('rejects a 1 MB response with maxResponseBytes 1000', async () => {
    const error = await rejectionOf(dispatchNodeListener(app, get('/big'), { maxResponseBytes: 1000 }));
    expect(error.code).toBe('RESPONSE_TOO_LARGE');
  });

  it('returns the 1 MB response whole without a limit', async () => {
    const response = await dispatchNodeListener(app, get('/big'));
    expect(response.body.byteLength).toBe(1024 * 1024);
    expect(response.body.every((byte) => byte === 0x7a)).toBe(true);
  });

  it('gives each of 200 concurrent dispatches its own response', async () => {
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, index) => dispatchNodeListener(app, postJson('/echo', { index }))),
    );
    expect(responses.map((response) => json(response))).toEqual(
      Array.from({ length: 200 }, (_, index) => ({ index })),
    );
  });

  it('still serves a real HTTP POST with a JSON body after in-process dispatches', async () => {
    await dispatchNodeListener(app, postJson('/users/1', { warm: true }));
    await dispatchNodeListener(app, get('/boom'));

    const real = await postOverRealHttp(app, '/users/7?x=1', { name: 'Grace' });

    expect(real).toEqual({
      status: 200,
      body: { id: '7', query: { x: '1' }, body: { name: 'Grace' }, ip: '127.0.0.1' },
    });
    // light-my-request re-parents these; they must still be the real http prototypes.
    expect(Object.getPrototypeOf(express.request)).toBe(http.IncomingMessage.prototype);
    expect(Object.getPrototypeOf(express.response)).toBe(http.ServerResponse.prototype);
  });
});

describe('dispatchNodeListener with Express 4', () => {
  const log = { closedRequests: 0 };
  const app = buildApp(express4, log);

  it('runs express.json() and a route reading params, query and body', async () => {
    const response = await dispatchNodeListener(app, postJson('/users/9?tag=a', { name: 'Linus' }));
    expect(response.status).toBe(200);
    expect(json(response)).toEqual({
      id: '9',
      query: { tag: 'a' },
      body: { name: 'Linus' },
      ip: '127.0.0.1',
    });
  });

  it('answers 401 from the auth middleware and 500 from the error handler', async () => {
    const denied = await dispatchNodeListener(app, get('/private/me'));
    expect([denied.status, json(denied)]).toEqual([401, { error: 'unauthorized' }]);

    const failed = await dispatchNodeListener(app, get('/boom'));
    expect([failed.status, json(failed)]).toEqual([500, { error: 'kaput' }]);
  });

  it('collects a streamed route and binary bytes', async () => {
    const streamed = await dispatchNodeListener(app, get('/stream'));
    expect(text(streamed)).toBe('alpha beta gamma');

    const png = await dispatchNodeListener(app, get('/logo.png'));
    expect(png.headers['content-type']).toBe('image/png');
    expect(Buffer.from(png.body).equals(PNG)).toBe(true);
  });

  it('aborts a route that never answers, and the route sees req close', async () => {
    const controller = new AbortController();
    const dispatch = dispatchNodeListener(app, get('/never'), { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    const error = await rejectionOf(dispatch);
    await tick(10);
    expect(error.code).toBe('DISPATCH_ABORTED');
    expect(log.closedRequests).toBe(1);
  });

  it('still serves a real HTTP POST with a JSON body after in-process dispatches', async () => {
    await dispatchNodeListener(app, postJson('/users/1', { warm: true }));
    const real = await postOverRealHttp(app, '/users/3', { name: 'Ken' });
    expect(real).toEqual({
      status: 200,
      body: { id: '3', query: {}, body: { name: 'Ken' }, ip: '127.0.0.1' },
    });
  });
});

// Type-level check: the listener type accepts what adapters will pass.
const _acceptsExpressApp: Parameters<typeof dispatchNodeListener>[0] = express();
const _acceptsPlainListener: Parameters<typeof dispatchNodeListener>[0] = (
  _req: IncomingMessage,
  _res: ServerResponse,
) => {};
void _acceptsExpressApp;
void _acceptsPlainListener;
