import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  allowedHeaderValue,
  argumentValue,
  FUZZ_RUNS,
  generatedRoutes,
  hasLoneSurrogate,
  headerValueWithLineBreak,
  jsonRpcOf,
  LEGACY_PING,
  MCP_POST_HEADERS,
  pathRefusal,
  rawRequest,
  v8Template,
  valuesFor,
} from '@backend2mcp/test-support';
import express from 'express';
import fc from 'fast-check';
import { match } from 'path-to-regexp';
import { afterEach, describe, expect, it } from 'vitest';
import { BackendMcpServer } from '../src/backend-mcp-server.js';
import { buildTools } from '../src/build-tools.js';
import { refuseDotSegments } from '../src/dot-segments.js';
import { DEFAULT_MAX_MESSAGE_BYTES, resolveCallLimits, resolveMaxMessageBytes } from '../src/limits.js';
import { createNodeEndpoint, listen } from '../src/node.js';
import type { RouteInfo } from '../src/route.js';
import { toRequest } from '../src/to-request.js';

const closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

const toolFor = (route: RouteInfo) => buildTools([route]).tools[0]!;
const noRoutes = {
  extractRoutes: () => ({ routes: [], skipped: [] }),
  dispatch: async () => ({ status: 200, headers: {}, body: new Uint8Array() }),
};

function ping(size = 0): string {
  return JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    method: 'ping',
    ...(size ? { params: { pad: 'x'.repeat(size) } } : {}),
  });
}

describe('limits: defaults and validation', () => {
  it('defaults to a 30 s timeout, 1 MiB requests, 10 MiB responses, 8 KiB URLs, 16 KiB headers and 4 MiB MCP messages', () => {
    expect(resolveCallLimits({})).toEqual({
      timeoutMs: 30_000,
      maxRequestBytes: 1024 * 1024,
      maxResponseBytes: 10 * 1024 * 1024,
      maxUrlBytes: 8 * 1024,
      maxHeaderBytes: 16 * 1024,
    });
    expect(resolveMaxMessageBytes({})).toBe(4 * 1024 * 1024);
    expect(new BackendMcpServer(noRoutes).maxMessageBytes).toBe(DEFAULT_MAX_MESSAGE_BYTES);
  });

  it('keeps configured limits', () => {
    expect(
      resolveCallLimits({
        timeoutMs: 5,
        maxRequestBytes: 10,
        maxResponseBytes: 20,
        maxUrlBytes: 30,
        maxHeaderBytes: 40,
      }),
    ).toEqual({
      timeoutMs: 5,
      maxRequestBytes: 10,
      maxResponseBytes: 20,
      maxUrlBytes: 30,
      maxHeaderBytes: 40,
    });
    expect(new BackendMcpServer(noRoutes, { maxMessageBytes: 1234 }).maxMessageBytes).toBe(1234);
  });

  it.each([
    [{ timeoutMs: 0 }, 'Option timeoutMs must be a positive number no larger than 2147483647; got 0.'],
    [
      { timeoutMs: 2 ** 31 },
      'Option timeoutMs must be a positive number no larger than 2147483647; got 2147483648.',
    ],
    [
      { maxRequestBytes: -5 },
      'Option maxRequestBytes must be a positive number no larger than 9007199254740991; got -5.',
    ],
    [
      { maxResponseBytes: Number.POSITIVE_INFINITY },
      'Option maxResponseBytes must be a positive number no larger than 9007199254740991; got Infinity.',
    ],
    [
      { maxMessageBytes: '4mb' as unknown as number },
      'Option maxMessageBytes must be a positive number no larger than 9007199254740991; got "4mb".',
    ],
  ])('refuses %o with INVALID_OPTIONS when the server is created', (options, message) => {
    expect(() => new BackendMcpServer(noRoutes, options)).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS', message }),
    );
  });
});

describe('MCP message size cap (maxMessageBytes)', () => {
  const post = (mcp: BackendMcpServer, body: string) =>
    mcp.fetch(new Request('http://127.0.0.1/mcp', { method: 'POST', headers: MCP_POST_HEADERS, body }));

  it('answers a message over the default 4 MiB with 413 and a JSON-RPC error, then keeps serving', async () => {
    const mcp = new BackendMcpServer(noRoutes);
    closers.push(() => mcp.close());
    const response = await post(mcp, ping(DEFAULT_MAX_MESSAGE_BYTES));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      jsonrpc: '2.0',
      error: {
        code: -32000,
        message: `Payload Too Large: Request body must not exceed ${DEFAULT_MAX_MESSAGE_BYTES} bytes`,
      },
      id: null,
    });
    expect(await (await post(mcp, ping())).text()).toContain('"result":{}');
  });

  it('applies a configured cap to fetch()', async () => {
    const mcp = new BackendMcpServer(noRoutes, { maxMessageBytes: 1024 });
    closers.push(() => mcp.close());
    expect((await post(mcp, ping(2048))).status).toBe(413);
    expect((await post(mcp, ping(512))).status).toBe(200);
  });

  it('hands a configured cap above the SDK default to the Node endpoint too (listen())', async () => {
    const mcp = new BackendMcpServer(noRoutes, { maxMessageBytes: 6 * 1024 * 1024 });
    const listening = await listen(mcp, { port: 0 });
    closers.push(() => listening.close());
    const fiveMiB = await rawRequest(listening.url, {
      headers: MCP_POST_HEADERS,
      body: ping(5 * 1024 * 1024),
    });
    expect(jsonRpcOf(fiveMiB)).toMatchObject({ id: 1, result: {} });
    const sevenMiB = await rawRequest(listening.url, {
      headers: MCP_POST_HEADERS,
      body: ping(7 * 1024 * 1024),
    });
    expect(sevenMiB.status).toBe(413);
    expect(jsonRpcOf(sevenMiB).error).toEqual({
      code: -32000,
      message: 'Payload Too Large: Request body must not exceed 6291456 bytes',
    });
  });

  it('applies the cap to a body the host framework already parsed (express.json() before the endpoint)', async () => {
    const mcp = new BackendMcpServer(noRoutes, { maxMessageBytes: 1024 });
    const app = express();
    app.use(express.json({ limit: '1mb' }));
    app.use('/mcp', createNodeEndpoint(mcp, { parsedBody: (req) => (req as { body?: unknown }).body }));
    const server: Server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    closers.push(
      () => new Promise((resolve) => server.close(resolve)),
      () => mcp.close(),
    );
    const url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`);

    const tooLarge = await rawRequest(url, { headers: MCP_POST_HEADERS, body: ping(2048) });
    expect(tooLarge.status).toBe(413);
    expect(jsonRpcOf(tooLarge)).toEqual({
      jsonrpc: '2.0',
      error: {
        code: -32000,
        message: 'Payload Too Large: Request body must not exceed 1024 bytes (option maxMessageBytes).',
      },
      id: null,
    });
    const fine = await rawRequest(url, { headers: MCP_POST_HEADERS, body: LEGACY_PING });
    expect(jsonRpcOf(fine)).toMatchObject({ id: 'ping', result: {} });
  });
});

describe('dot segments', () => {
  it.each(['/a/../b', '/a/./b', '/a/%2E%2E/b', '/a/%2e./b', '/a/.%2E', '/..', '/a/%2e?x=1'])(
    'refuses %s, which the WHATWG URL parser would resolve',
    (url) => {
      expect(() => refuseDotSegments(url)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    },
  );

  it.each(['/a/...', '/a/..%2Fadmin', '/a/%2E%2E%2E', '/a/.env', '/a/b?path=../x', '/'])(
    'accepts %s',
    (url) => {
      expect(refuseDotSegments(url)).toBeUndefined();
      expect(new URL(url, 'http://localhost').pathname).toBe(url.split('?')[0]);
    },
  );
});

describe('app-declared names that collide with Object.prototype', () => {
  it('keeps a body field or path param named __proto__ or constructor as a schema property', () => {
    const tool = toolFor({
      method: 'POST',
      path: '/things/:__proto__',
      schemas: {
        body: {
          type: 'object',
          properties: { ['__proto__']: { type: 'string' }, constructor: { type: 'number' } },
        },
      },
    });
    const properties = tool.inputSchema.properties as Record<string, unknown>;
    expect(Object.getPrototypeOf(properties)).toBe(Object.prototype);
    expect(Object.keys(properties)).toEqual(['__proto__', 'body___proto__', 'constructor']);
    expect(Object.getOwnPropertyDescriptor(properties, '__proto__')?.value).toEqual({ type: 'string' });
    expect(tool.binding.arguments.map((binding) => binding.arg)).toEqual([
      '__proto__',
      'body___proto__',
      'constructor',
    ]);
  });
});

describe('toRequest fuzzed (fast-check, 1 000 cases per property)', () => {
  it('fills any template so that its own matcher decodes exactly the values given, or refuses by name', () => {
    const routeAndValues = generatedRoutes({ wildcards: true })
      .map((routes) => routes[0]!)
      .chain((route) => fc.tuple(fc.constant(route), valuesFor(route)));
    fc.assert(
      fc.property(routeAndValues, ([route, values]) => {
        const template = v8Template(route);
        const tool = toolFor({ method: 'GET', path: template });
        const refused = route.segments.find(
          (piece) => piece.kind !== 'literal' && pathRefusal(values[piece.name]!, piece.kind) !== undefined,
        );
        if (refused && refused.kind !== 'literal') {
          expect(() => toRequest(tool, values)).toThrow(
            expect.objectContaining({
              code: 'INVALID_ARGUMENT',
              message: expect.stringContaining(`Path parameter "${refused.name}"`),
            }),
          );
          return;
        }
        const { url } = toRequest(tool, values);
        expect(() => refuseDotSegments(url)).not.toThrow();
        const matched = match(template, { decode: decodeURIComponent })(url);
        expect(matched).not.toBe(false);
        const params = (matched as { params: Record<string, string | string[]> }).params;
        const decoded = Object.fromEntries(
          Object.entries(params).map(([name, value]) => [
            name,
            Array.isArray(value) ? value.join('/') : value,
          ]),
        );
        expect(decoded).toEqual(values);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('refuses any header value with CR or LF and passes any allowed one unchanged', () => {
    const tool = toolFor({
      method: 'GET',
      path: '/x',
      schemas: { headers: { type: 'object', properties: { 'x-trace': { type: 'string' } } } },
    });
    fc.assert(
      fc.property(headerValueWithLineBreak, allowedHeaderValue, (splitting, allowed) => {
        expect(() => toRequest(tool, { 'x-trace': splitting })).toThrow(
          expect.objectContaining({
            code: 'INVALID_HEADER_VALUE',
            message: 'Header "x-trace" must not contain CR, LF or NUL characters.',
          }),
        );
        expect(toRequest(tool, { 'x-trace': allowed }).headers['x-trace']).toBe(allowed);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('percent-encodes any query key and value so that URLSearchParams reads them back, or refuses by name', () => {
    const tool = toolFor({ method: 'GET', path: '/search' });
    fc.assert(
      fc.property(argumentValue, argumentValue, (key, value) => {
        const args = { query: { [key]: value } };
        if (hasLoneSurrogate(key) || hasLoneSurrogate(value)) {
          expect(() => toRequest(tool, args)).toThrow(
            expect.objectContaining({
              code: 'INVALID_ARGUMENT',
              message: expect.stringContaining('Query parameter'),
            }),
          );
          return;
        }
        const { url } = toRequest(tool, args);
        expect(url.startsWith('/search?')).toBe(true);
        expect([...new URL(url, 'http://localhost').searchParams]).toEqual([[key, value]]);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});
