import type { IncomingMessage, ServerResponse } from 'node:http';
import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { afterEach, describe, expect, it } from 'vitest';
import { BackendMcpServer } from '../src/backend-mcp-server.js';
import { connectTransport, dispatchNodeListener } from '../src/node.js';
import type { RouteInfo } from '../src/route.js';

/** A plain node:http app: echoes what it received, or never answers on /hang. */
function echoApp(seen: string[]) {
  return (req: IncomingMessage, res: ServerResponse) => {
    seen.push(`${req.method} ${req.url}`);
    if (req.url?.startsWith('/hang')) {
      req.on('close', () => seen.push('closed'));
      return;
    }
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ method: req.method, url: req.url, body: body ? JSON.parse(body) : null }));
    });
  };
}

const routes: RouteInfo[] = [
  { method: 'GET', path: '/users/:id' },
  {
    method: 'POST',
    path: '/users',
    schemas: { body: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] } },
  },
  { method: 'GET', path: '/hang' },
  { method: 'GET', path: '/secret', meta: { hidden: true } },
];

const ERAS = [
  ['2025-11-25', { supportedProtocolVersions: ['2025-11-25'] }],
  ['2026-07-28', { versionNegotiation: { mode: { pin: '2026-07-28' } } }],
] as const;

const closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function connect(era: (typeof ERAS)[number][1], seen: string[] = []) {
  const app = echoApp(seen);
  const mcp = new BackendMcpServer(
    {
      extractRoutes: () => ({ routes, skipped: [] }),
      dispatch: (request, options) => dispatchNodeListener(app, request, options),
    },
    { name: 'echo', version: '9.9.9' },
  );
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const handle = connectTransport(mcp, serverSide);
  const client = new Client({ name: 'test', version: '1.0.0' }, era as never);
  await client.connect(clientSide);
  closers.push(
    () => handle.close(),
    () => client.close(),
  );
  return { client, seen, mcp };
}

describe.each(ERAS)('BackendMcpServer over InMemory, protocol %s', (version, era) => {
  it('negotiates the pinned protocol version', async () => {
    const { client } = await connect(era);
    expect(client.getNegotiatedProtocolVersion()).toBe(version);
  });

  it('lists the tools with their schemas and without hidden routes', async () => {
    const { client } = await connect(era);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(['get_users_by_id', 'post_users', 'get_hang']);
    expect(tools[0]).toMatchObject({
      title: 'GET /users/:id',
      annotations: { readOnlyHint: true },
      inputSchema: { type: 'object', required: ['id'] },
    });
  });

  it('calls a route and returns its JSON as structured content', async () => {
    const { client } = await connect(era);
    const result = await client.callTool({ name: 'post_users', arguments: { name: 'Ada' } });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({ method: 'POST', url: '/users', body: { name: 'Ada' } });
  });

  it('answers an unknown or hidden tool with -32602', async () => {
    const { client } = await connect(era);
    await expect(client.callTool({ name: 'get_secret', arguments: {} })).rejects.toMatchObject({
      code: -32602,
    });
    await expect(client.callTool({ name: 'nope', arguments: {} })).rejects.toMatchObject({ code: -32602 });
  });

  it('refuses invalid arguments as a tool error without calling the route', async () => {
    const seen: string[] = [];
    const { client } = await connect(era, seen);
    const result = await client.callTool({ name: 'post_users', arguments: { nmae: 'Ada' } });
    expect(result.isError).toBe(true);
    expect(result.content).toEqual([
      {
        type: 'text',
        text: 'Invalid arguments for post_users: "name" is required; unknown argument "nmae".',
      },
    ]);
    expect(seen).toEqual([]);
  });

  it('aborts the in-process request when the caller cancels', async () => {
    const seen: string[] = [];
    const { client } = await connect(era, seen);
    const controller = new AbortController();
    const call = client.callTool({ name: 'get_hang', arguments: {} }, { signal: controller.signal });
    await expect.poll(() => seen).toContain('GET /hang');
    controller.abort('user cancelled');
    await expect(call).rejects.toThrow();
    await expect.poll(() => seen).toContain('closed');
  });
});

describe('BackendMcpServer output schemas', () => {
  const echo = echoApp([]);
  const routes = (publish: boolean): RouteInfo[] => [
    { method: 'GET', path: '/ok', schemas: { response: { type: 'object', required: ['url'] } } },
    {
      method: 'POST',
      path: '/wrong',
      schemas: { response: { type: 'object', required: ['name'] } },
      ...(publish ? { meta: { publishOutputSchema: true } } : {}),
    },
  ];
  const server = (publish: boolean, warnings: string[]) =>
    new BackendMcpServer(
      {
        extractRoutes: () => ({ routes: routes(publish), skipped: [] }),
        dispatch: (request, options) => dispatchNodeListener(echo, request, options),
      },
      { onWarning: (message) => warnings.push(message) },
    );

  it('passes a response that matches the declared schema', async () => {
    const mcp = server(false, []);
    expect(await mcp.callTool('get_ok')).toMatchObject({ structuredContent: { url: '/ok' } });
  });

  it('keeps a 2xx that breaks an unpublished response schema a success, and warns once per tool', async () => {
    const warnings: string[] = [];
    const mcp = server(false, warnings);
    const result = await mcp.callTool('post_wrong');
    await mcp.callTool('post_wrong');
    expect(result.isError).toBeUndefined();
    expect(result.structuredContent).toEqual({ method: 'POST', url: '/wrong', body: null });
    expect(warnings).toEqual([
      'backend2mcp: the response of post_wrong does not match its declared response schema ("name" is required); the data is passed on as it is. Fix the schema or the route.',
    ]);
  });

  it('says a 2xx that breaks a published schema succeeded and must not be repeated, keeping its text', async () => {
    const mcp = server(true, []);
    const result = await mcp.callTool('post_wrong');
    expect(result.structuredContent).toBeUndefined();
    expect(result.content).toEqual([
      {
        type: 'text',
        text: 'HTTP 200 OK: the request succeeded (do not repeat it), but its response does not match the output schema of post_wrong ("name" is required). The response follows as text.',
      },
      { type: 'text', text: '{"method":"POST","url":"/wrong","body":null}' },
    ]);
  });
});

describe('BackendMcpServer options', () => {
  const dispatch = (
    request: Parameters<typeof dispatchNodeListener>[1],
    options: Parameters<typeof dispatchNodeListener>[2],
  ) =>
    dispatchNodeListener(
      (req, res) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ url: req.url, service: req.headers['x-service-key'] ?? null }));
      },
      request,
      options,
    );

  it('adds configured headers to every dispatched request, over any a caller sets', async () => {
    const mcp = new BackendMcpServer(
      {
        extractRoutes: () => ({
          routes: [
            {
              method: 'GET',
              path: '/who',
              schemas: { headers: { type: 'object', properties: { 'x-service-key': { type: 'string' } } } },
            },
          ],
          skipped: [],
        }),
        dispatch,
      },
      { headers: { 'X-Service-Key': 'from-config' } },
    );
    const result = await mcp.callTool('get_who', { 'x-service-key': 'from-caller' });
    // The configured value reached the route (not the caller's); it is redacted on the way back.
    expect(result.structuredContent).toEqual({ url: '/who', service: '[REDACTED]' });
  });

  it('leaves out tools the filter rejects: neither listed nor callable', async () => {
    const mcp = new BackendMcpServer(
      {
        extractRoutes: () => ({
          routes: [
            { method: 'GET', path: '/a' },
            { method: 'DELETE', path: '/a' },
          ],
          skipped: [],
        }),
        dispatch,
      },
      { filter: (tool) => tool.route.method === 'GET' },
    );
    expect(mcp.tools.map((tool) => tool.name)).toEqual(['get_a']);
    await expect(mcp.callTool('delete_a')).rejects.toMatchObject({ code: -32602 });
  });
});

describe('BackendMcpServer HTTP authentication hook', () => {
  it('refuses a request the hook answers, and serves one it lets through', async () => {
    const mcp = new BackendMcpServer(
      {
        extractRoutes: () => ({ routes: [], skipped: [] }),
        dispatch: async () => ({ status: 200, headers: {}, body: new Uint8Array() }),
      },
      {
        http: {
          authenticate: (request) =>
            request.headers.get('authorization') === 'Bearer good'
              ? undefined
              : new Response(null, { status: 401 }),
        },
      },
    );
    const ping = (authorization: string) =>
      mcp.fetch(
        new Request('http://127.0.0.1/mcp', {
          method: 'POST',
          headers: {
            authorization,
            'content-type': 'application/json',
            accept: 'application/json, text/event-stream',
          },
          body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
        }),
      );
    expect((await ping('Bearer bad')).status).toBe(401);
    const allowed = await ping('Bearer good');
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toContain('"result":{}');
    await mcp.close();
  });
});

describe('BackendMcpServer HTTP batches', () => {
  it('refuses a JSON-RPC batch the host already parsed with -32600, before the SDK or the app sees it', async () => {
    const dispatched: string[] = [];
    const mcp = new BackendMcpServer({
      extractRoutes: () => ({ routes: [{ method: 'GET', path: '/users/:id' }], skipped: [] }),
      dispatch: async (request) => {
        dispatched.push(request.url);
        return { status: 200, headers: {}, body: new Uint8Array() };
      },
    });
    const batch = [
      {
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        params: { name: 'get_users_by_id', arguments: { id: '1' } },
      },
      { jsonrpc: '2.0', id: 2, method: 'ping' },
    ];
    const response = await mcp.fetch(
      new Request('http://127.0.0.1/mcp', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        body: JSON.stringify(batch),
      }),
      { parsedBody: batch },
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      jsonrpc: '2.0',
      error: { code: -32600, message: 'Invalid Request: JSON-RPC batches are not supported by this server.' },
      id: null,
    });
    expect(dispatched).toEqual([]);
    await mcp.close();
  });
});

describe('BackendMcpServer limits', () => {
  it('times out a route that never answers, aborting it, and keeps serving', async () => {
    const seen: string[] = [];
    const app = echoApp(seen);
    const mcp = new BackendMcpServer(
      {
        extractRoutes: () => ({ routes, skipped: [] }),
        dispatch: (request, options) => dispatchNodeListener(app, request, options),
      },
      { timeoutMs: 100 },
    );
    const result = await mcp.callTool('get_hang');
    expect(result).toEqual({
      isError: true,
      content: [
        { type: 'text', text: 'get_hang did not answer within 100 ms and was aborted (option timeoutMs).' },
      ],
    });
    expect(seen).toContain('closed');
    expect((await mcp.callTool('get_users_by_id', { id: '1' })).structuredContent).toMatchObject({
      url: '/users/1',
    });
  });

  it('reports skipped routes as warnings once', async () => {
    const warnings: string[] = [];
    const mcp = new BackendMcpServer(
      {
        extractRoutes: () => ({
          routes: [{ method: 'GET', path: '/bad/:' }],
          skipped: [{ route: 'GET /^x$/', reason: 'regex route' }],
        }),
        dispatch: async () => ({ status: 200, headers: {}, body: new Uint8Array() }),
      },
      { onWarning: (message) => warnings.push(message) },
    );
    expect(mcp.tools).toEqual([]);
    expect(mcp.skipped.map((entry) => entry.route)).toEqual(['GET /^x$/', 'GET /bad/:']);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toBe('backend2mcp: skipped GET /^x$/: regex route');
  });
});

describe('credentials backend2mcp injects never come back to the caller', () => {
  it('redacts the headers option from tool results, whatever the route echoes', async () => {
    const echo = async (request: { headers: Record<string, string> }) => ({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: new TextEncoder().encode(JSON.stringify({ seen: request.headers, note: 'key=svc-secret-1' })),
    });
    const mcp = new BackendMcpServer(
      {
        extractRoutes: () => ({
          routes: [{ method: 'GET', path: '/echo' }],
          skipped: [],
        }),
        dispatch: echo,
      },
      {
        headers: { 'x-service-key': 'svc-secret-1', authorization: 'Bearer backend-token-2', 'x-flag': 'on' },
      },
    );
    const result = await mcp.callTool('get_echo');
    const text = JSON.stringify(result);
    expect(text).not.toContain('svc-secret-1');
    expect(text).not.toContain('backend-token-2');
    expect(result.structuredContent).toMatchObject({
      seen: { 'x-service-key': '[REDACTED]', authorization: '[REDACTED]', 'x-flag': 'on' },
      note: 'key=[REDACTED]',
    });
  });
});

describe('a route that fails mid-response', () => {
  it('shows the caller a generic message, never the internal error text', async () => {
    const listener = (_req: IncomingMessage, res: ServerResponse) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"partial":');
      setImmediate(() => res.destroy(new Error('connect ECONNREFUSED db.internal:5432 password=hunter2')));
    };
    const { nodeListenerDispatch } = await import('../src/node.js');
    const mcp = new BackendMcpServer({
      extractRoutes: () => ({ routes: [{ method: 'GET', path: '/report' }], skipped: [] }),
      dispatch: nodeListenerDispatch(() => listener),
    });
    const result = await mcp.callTool('get_report');
    expect(result.isError).toBe(true);
    const text = JSON.stringify(result);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('db.internal');
  });
});
