import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BearerAuthProvider } from '../auth/bearer-provider.js';
import { type BackendMcpOptions, BackendMcpServer } from '../backend-mcp-server.js';
import type { DispatchContext } from '../http.js';
import { dispatchNodeListener, type ListeningServer, listen } from '../node.js';
import type { RouteInfo } from '../route.js';

/**
 * The fast path must be invisible: every request below goes through a server
 * with the fast path and through one without it (`http: { fastPath: false }`,
 * every request through the SDK's per-request serving), and the JSON-RPC
 * answers must be byte for byte the same, with the same HTTP status. The fast
 * path answers with `application/json` where the SDK streams one SSE event.
 */

type McpRequest = IncomingMessage & { mcp?: DispatchContext };

function app(req: McpRequest, res: ServerResponse) {
  const json = (status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  if (req.url === '/users/1' && req.method === 'GET') return json(200, { id: '1', name: 'Ada' });
  if (req.url?.startsWith('/users/') && req.method === 'DELETE') return json(200, { deleted: true });
  if (req.url === '/fail') return json(500, { error: 'the database is down' });
  if (req.url === '/slow') {
    // Never answers: a cancelled call tears the route's request down, as a client hanging up would.
    req.once('close', () => cancelled.push(true));
    return;
  }
  if (req.url === '/chatty') {
    void req.mcp?.log('info', { step: 1 }, 'chatty').then(() => json(200, { said: 'hello' }));
    return;
  }
  json(404, { error: 'no such user' });
}

const cancelled: boolean[] = [];

const routes: RouteInfo[] = [
  { method: 'GET', path: '/slow' },
  { method: 'GET', path: '/users/:id', description: 'One user.' },
  { method: 'DELETE', path: '/users/:id', meta: { scopes: ['admin'] } },
  { method: 'GET', path: '/fail' },
  { method: 'GET', path: '/chatty' },
];

const closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

/** The same backend twice: with the fast path and with every request through the SDK. */
function pair(options: BackendMcpOptions = {}) {
  const make = (fastPath: boolean) => {
    const mcp = new BackendMcpServer(
      {
        extractRoutes: () => ({ routes, skipped: [] }),
        dispatch: (request, dispatchOptions) =>
          dispatchNodeListener(app as never, request, {
            ...dispatchOptions,
            onRequest: (req) => Object.assign(req, { mcp: dispatchOptions.context }),
          }),
      },
      { ...options, http: { ...options.http, fastPath } },
    );
    closers.push(() => mcp.close());
    return mcp;
  };
  return { fast: make(true), sdk: make(false) };
}

const LEGACY = '2025-11-25';
const MODERN = '2026-07-28';
type Era = typeof LEGACY | typeof MODERN;

interface Sent {
  body: string;
  headers: Record<string, string>;
}

/** A stateless POST of `method` as each era's SDK client sends it. */
function post(era: Era, method: string, params: Record<string, unknown>, id: number | string = 7): Sent {
  const headers: Record<string, string> = {
    host: '127.0.0.1',
    accept: 'application/json, text/event-stream',
    'content-type': 'application/json',
    'mcp-protocol-version': era,
  };
  if (era === LEGACY) return { headers, body: JSON.stringify({ jsonrpc: '2.0', id, method, params }) };
  headers['mcp-method'] = method;
  if (typeof params.name === 'string') headers['mcp-name'] = params.name;
  const _meta = {
    'io.modelcontextprotocol/protocolVersion': era,
    'io.modelcontextprotocol/clientInfo': { name: 'test', version: '1.0.0' },
    'io.modelcontextprotocol/clientCapabilities': {},
    ...(params._meta as object),
  };
  return { headers, body: JSON.stringify({ jsonrpc: '2.0', id, method, params: { ...params, _meta } }) };
}

interface Answer {
  status: number;
  contentType: string;
  /** The JSON-RPC messages as sent: the whole JSON body, or each SSE event's data. */
  messages: string[];
  challenge: string | null;
}

/** How requests reach the server: its web `fetch` in process, or `listen()`'s Node endpoint over loopback HTTP. */
type Via = 'fetch' | 'node';
let via: Via = 'fetch';
const listening = new WeakMap<BackendMcpServer, Promise<ListeningServer>>();

async function respond(mcp: BackendMcpServer, sent: Sent, withLength: boolean): Promise<Response> {
  const headers = { ...sent.headers };
  if (via === 'fetch') {
    if (withLength) headers['content-length'] = String(Buffer.byteLength(sent.body));
    return mcp.fetch(new Request('http://127.0.0.1/mcp', { method: 'POST', headers, body: sent.body }));
  }
  let server = listening.get(mcp);
  if (!server) {
    server = listen(mcp, { port: 0 });
    listening.set(mcp, server);
    closers.push(async () => (await server!).close());
  }
  const { url } = await server;
  delete headers.host;
  // A stream body has no declared length: it goes out chunked.
  const body = withLength ? sent.body : new Blob([sent.body]).stream();
  return fetch(url, {
    method: 'POST',
    headers,
    body,
    ...(withLength ? {} : { duplex: 'half' }),
  } as RequestInit);
}

async function send(mcp: BackendMcpServer, sent: Sent, withLength = true): Promise<Answer> {
  const response = await respond(mcp, sent, withLength);
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  const messages = contentType.includes('text/event-stream')
    ? text
        .split('\n')
        .filter((line) => line.startsWith('data: ') && line.length > 6)
        .map((line) => line.slice(6))
    : text
      ? [text]
      : [];
  return {
    status: response.status,
    contentType,
    messages,
    challenge: response.headers.get('www-authenticate'),
  };
}

/** Sends `sent` to both servers and checks that the answers are the same; returns the fast one's. */
async function same(servers: ReturnType<typeof pair>, sent: Sent, withLength = true): Promise<Answer> {
  const sdk = await send(servers.sdk, sent, withLength);
  const fast = await send(servers.fast, sent, withLength);
  expect(fast.status).toBe(sdk.status);
  expect(fast.messages).toEqual(sdk.messages);
  expect(fast.challenge).toBe(sdk.challenge);
  return fast;
}

const JSON_TYPE = 'application/json';

describe.each([
  ['fetch', LEGACY],
  ['fetch', MODERN],
  ['node', LEGACY],
  ['node', MODERN],
] as const)('the HTTP fast path through %s, %s', (through, era) => {
  beforeEach(() => {
    via = through;
  });

  it('answers a valid call as the SDK does, as application/json', async () => {
    const servers = pair();
    const answer = await same(
      servers,
      post(era, 'tools/call', { name: 'get_users_by_id', arguments: { id: '1' } }),
    );
    expect(answer.contentType).toBe(JSON_TYPE);
    expect(JSON.parse(answer.messages[0]!)).toMatchObject({
      id: 7,
      result: { structuredContent: { id: '1', name: 'Ada' } },
    });
  });

  it('builds no SDK server per request once warm', async () => {
    const { fast } = pair();
    const call = post(era, 'tools/call', { name: 'get_users_by_id', arguments: { id: '1' } });
    await send(fast, call);
    const created = vi.spyOn(fast, 'createServer');
    for (let i = 0; i < 5; i++) expect((await send(fast, call)).status).toBe(200);
    await send(fast, post(era, 'tools/list', {}));
    expect(created).not.toHaveBeenCalled();
  });

  it('keeps a string id and answers tools/list the same', async () => {
    const servers = pair();
    expect((await same(servers, post(era, 'tools/list', {}, 'abc'))).contentType).toBe(JSON_TYPE);
    const listed = JSON.parse((await send(servers.fast, post(era, 'tools/list', {}, 'abc'))).messages[0]!);
    expect(listed.id).toBe('abc');
    expect(listed.result.tools.map((tool: { name: string }) => tool.name)).toContain('get_users_by_id');
  });

  it('answers an unknown tool, invalid arguments and a failing route the same', async () => {
    const servers = pair();
    const unknown = await same(servers, post(era, 'tools/call', { name: 'nope', arguments: {} }));
    expect(unknown.contentType).toBe(JSON_TYPE);
    expect(JSON.parse(unknown.messages[0]!).error.message).toMatch(/Unknown tool "nope"/);
    const invalid = await same(servers, post(era, 'tools/call', { name: 'get_users_by_id', arguments: {} }));
    expect(JSON.parse(invalid.messages[0]!).result.isError).toBe(true);
    const failed = await same(servers, post(era, 'tools/call', { name: 'get_fail', arguments: {} }));
    expect(JSON.parse(failed.messages[0]!).result.isError).toBe(true);
    const notFound = await same(
      servers,
      post(era, 'tools/call', { name: 'get_users_by_id', arguments: { id: '9' } }),
    );
    expect(JSON.parse(notFound.messages[0]!).result.isError).toBe(true);
  });

  it('refuses a call without the tool scopes with the same HTTP 403, and serves one with them', async () => {
    const servers = pair({
      auth: new BearerAuthProvider({
        tokens: { reader: { subject: 'r', scopes: ['read'] }, admin: { subject: 'a', scopes: ['admin'] } },
      }),
    });
    const call = (token: string) => {
      const sent = post(era, 'tools/call', { name: 'delete_users_by_id', arguments: { id: '1' } });
      return { ...sent, headers: { ...sent.headers, authorization: `Bearer ${token}` } };
    };
    const refused = await same(servers, call('reader'));
    expect(refused.status).toBe(403);
    expect(refused.challenge).toMatch(/insufficient_scope/);
    const allowed = await same(servers, call('admin'));
    expect(allowed.contentType).toBe(JSON_TYPE);
    expect(JSON.parse(allowed.messages[0]!).result.structuredContent).toEqual({ deleted: true });
    const list = post(era, 'tools/list', {});
    const listed = await same(servers, {
      ...list,
      headers: { ...list.headers, authorization: 'Bearer reader' },
    });
    const names = JSON.parse(listed.messages[0]!).result.tools.map((tool: { name: string }) => tool.name);
    expect(names).not.toContain('delete_users_by_id');
    const anonymous = await same(servers, post(era, 'tools/list', {}));
    expect(anonymous.status).toBe(401);
  });

  it('leaves what it does not serve to the SDK, with the same answers', async () => {
    const servers = pair();
    const call = post(era, 'tools/call', { name: 'get_users_by_id', arguments: { id: '1' } });
    // A revision the server does not speak, in the header.
    const wrongVersion = await same(servers, {
      ...call,
      headers: { ...call.headers, 'mcp-protocol-version': '1999-01-01' },
    });
    expect(wrongVersion.status).toBe(400);
    // A client that does not take SSE (the 2025 transport requires both).
    await same(servers, { ...call, headers: { ...call.headers, accept: 'application/json' } });
    // Malformed JSON, and a body without a declared length.
    expect((await same(servers, { ...call, body: '{"jsonrpc":' })).status).toBe(400);
    await same(servers, call, false);
    // Params the SDK rejects (a tool name that is not a string).
    await same(servers, post(era, 'tools/call', { name: 42, arguments: {} }));
    // A progress token: progress goes out on an SSE stream, which the SDK serves.
    const progress = await same(
      servers,
      post(era, 'tools/call', {
        name: 'get_users_by_id',
        arguments: { id: '1' },
        _meta: { progressToken: 'p' },
      }),
    );
    expect(progress.status).toBe(200);
    // A batch, and a notification.
    await same(servers, { ...call, body: `[${call.body}]` });
    await same(servers, post(era, 'notifications/initialized', {}));
  });

  it('sends a route’s log notification before the result, as the SDK does', async () => {
    const servers = pair();
    const answer = await same(servers, post(era, 'tools/call', { name: 'get_chatty', arguments: {} }));
    expect(answer.messages.length).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(answer.messages.at(-1)!).result.structuredContent).toEqual({ said: 'hello' });
  });
});

describe('the HTTP fast path across eras', () => {
  beforeEach(() => {
    via = 'fetch';
  });

  it.each<Era>([LEGACY, MODERN])('cancels the route’s call when the %s client goes away', async (era) => {
    const { fast } = pair();
    await send(fast, post(era, 'tools/list', {}));
    cancelled.length = 0;
    const sent = post(era, 'tools/call', { name: 'get_slow', arguments: {} });
    const abort = new AbortController();
    const answer = fast.fetch(
      new Request('http://127.0.0.1/mcp', {
        method: 'POST',
        headers: { ...sent.headers, 'content-length': String(Buffer.byteLength(sent.body)) },
        body: sent.body,
        signal: abort.signal,
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    abort.abort();
    expect((await answer).status).toBe(499);
    await vi.waitFor(() => expect(cancelled).toEqual([true]), { timeout: 5000 });
  });

  it('rejects a 2026-07-28 request whose mcp-name header names another tool, as the SDK does', async () => {
    const servers = pair();
    const sent = post(MODERN, 'tools/call', { name: 'get_users_by_id', arguments: { id: '1' } });
    const answer = await same(servers, { ...sent, headers: { ...sent.headers, 'mcp-name': 'get_fail' } });
    expect(answer.status).toBe(400);
  });

  it('serves concurrent calls with the same id to the right callers', async () => {
    const servers = pair();
    const answers = await Promise.all(
      ['1', '9', '1', '9'].map((id) =>
        send(servers.fast, post(LEGACY, 'tools/call', { name: 'get_users_by_id', arguments: { id } }, 1)),
      ),
    );
    expect(answers.map((answer) => JSON.parse(answer.messages[0]!).result.isError ?? false)).toEqual([
      false,
      true,
      false,
      true,
    ]);
    expect(answers.every((answer) => JSON.parse(answer.messages[0]!).id === 1)).toBe(true);
  });
});
