import {
  type AuthInfo,
  CLIENT_CAPABILITIES_META_KEY,
  CLIENT_INFO_META_KEY,
  createMcpHandler,
  type MessageExtraInfo,
  PROTOCOL_VERSION_META_KEY,
  type Server,
} from '@modelcontextprotocol/server';
import { fastHttpShape, qualify } from './qualify.js';
import { type Exchanged, ServerExchange } from './server-exchange.js';

/** What the fast path needs from the backend server. */
export interface FastPathDeps {
  /**
   * A new SDK server with the backend's handlers, whose handlers identify each
   * request's caller from the request's `authInfo` (see {@link fastPathCaller}).
   * The fast path keeps one per protocol era for the life of the endpoint.
   */
  createServer(): Server;
  /** Largest request body the endpoint reads (`maxMessageBytes`). */
  maxMessageBytes: number;
}

/**
 * Serves the hot path of stateless Streamable HTTP itself: a single
 * `tools/call` or `tools/list` of either protocol era, answered with
 * `application/json`. The message still goes through the SDK's own request
 * dispatch (request validation, the backend's handlers, result encoding and
 * error shapes), on a server kept connected for the life of the endpoint,
 * instead of a new server, transport and SSE stream per HTTP request. Every
 * other request, and any request the SDK rejects before a handler runs, is
 * left to the SDK (`serve` returns undefined).
 */
export class FastPath {
  private legacy?: Promise<ServerExchange | undefined>;
  private readonly modern = new Map<string, Promise<ServerExchange | undefined>>();

  constructor(private readonly deps: FastPathDeps) {}

  /**
   * Answers `request` when it is on the fast path, else returns undefined
   * without consuming its body. `parsedBody` is the body when the caller
   * already parsed it; `authInfo` the caller identified for this request.
   */
  async serve(
    request: Request,
    parsedBody: unknown,
    authInfo: AuthInfo | undefined,
  ): Promise<Response | undefined> {
    if (!fastHttpShape(request)) return undefined;
    let body = parsedBody;
    if (body === undefined) {
      // Only a body of declared, acceptable size is read here: the SDK answers the others (413, chunked bodies).
      const length = Number(request.headers.get('content-length') ?? Number.NaN);
      if (!(length <= this.deps.maxMessageBytes)) return undefined;
      try {
        body = JSON.parse(await request.clone().text());
      } catch {
        return undefined;
      }
    }
    const fast = qualify(request.headers, body);
    if (!fast) return undefined;
    const exchange =
      fast.era === 'legacy' ? await this.legacyExchange() : await this.modernExchange(fast.revision);
    if (!exchange) return undefined;
    const extra: MessageExtraInfo = {
      ...(fast.era === 'modern' ? { classification: fast.classification } : {}),
      request,
      ...(authInfo ? { authInfo } : {}),
    };
    const exchanged = await exchange.exchange(fast.message, extra, request.signal);
    // The client went away and the call was cancelled: nobody reads this (the SDK answers 499 too).
    if (!exchanged) return new Response(null, { status: 499 });
    // Refused before any handler ran: the SDK's own path gives the exact status for it.
    if (exchanged.duringDispatch && 'error' in exchanged.response) return undefined;
    return toResponse(exchanged);
  }

  /** Closes the kept servers. */
  async close(): Promise<void> {
    const exchanges = [this.legacy, ...this.modern.values()];
    this.legacy = undefined;
    this.modern.clear();
    await Promise.all(exchanges.map(async (exchange) => (await exchange)?.close()));
  }

  private legacyExchange(): Promise<ServerExchange | undefined> {
    // A stateless 2025-era server is never initialized: a fresh server, connected once, is exactly that.
    this.legacy ??= ServerExchange.connect(this.deps.createServer()).catch(() => undefined);
    return this.legacy;
  }

  private modernExchange(revision: string): Promise<ServerExchange | undefined> {
    let exchange = this.modern.get(revision);
    if (!exchange) {
      exchange = modernServer(this.deps.createServer, revision).then(
        (server) => (server ? ServerExchange.connect(server) : undefined),
        () => undefined,
      );
      this.modern.set(revision, exchange);
    }
    return exchange;
  }
}

/**
 * A server set up for a 2026-07-28-era revision. That setup (the negotiated
 * revision, the `server/discover` handler) is internal to the SDK's HTTP
 * entry, so the entry does it: one `server/discover` exchange through
 * `createMcpHandler`, after which the server's per-request transport is closed
 * and the server, still bound to its revision, can be connected again.
 * Undefined when that did not work out (the fast path then stays off for the revision).
 */
async function modernServer(create: () => Server, revision: string): Promise<Server | undefined> {
  let server: Server | undefined;
  const handler = createMcpHandler(
    () => {
      server = create();
      return server;
    },
    { legacy: 'reject' },
  );
  const response = await handler.fetch(
    new Request('http://fast-path.invalid/mcp', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-protocol-version': revision,
        'mcp-method': 'server/discover',
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 0,
        method: 'server/discover',
        params: {
          _meta: {
            [PROTOCOL_VERSION_META_KEY]: revision,
            [CLIENT_INFO_META_KEY]: { name: 'backend2mcp-fast-path', version: '0' },
            [CLIENT_CAPABILITIES_META_KEY]: {},
          },
        },
      }),
    }),
  );
  await response.text();
  await handler.close();
  // The per-request transport closes in a microtask after the answer.
  await new Promise((resolve) => setTimeout(resolve, 0));
  if (response.status !== 200 || !server || server.transport !== undefined) return undefined;
  return server;
}

const encoder = new TextEncoder();

/**
 * The HTTP answer: the JSON-RPC response as `application/json`; when the
 * handler sent notifications first (a route that logged), an SSE stream of
 * those notifications then the response, framed as the SDK frames them.
 */
function toResponse({ response, notifications }: Exchanged): Response {
  if (notifications.length === 0) {
    return new Response(JSON.stringify(response), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  }
  const events = [...notifications, response].map(
    (message) => `event: message\ndata: ${JSON.stringify(message)}\n\n`,
  );
  return new Response(encoder.encode(events.join('')), {
    status: 200,
    headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache, no-transform' },
  });
}
