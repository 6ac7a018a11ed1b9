import {
  createMcpHandler,
  hostHeaderValidationResponse,
  type McpHttpHandler,
  type McpRequestContext,
  originValidationResponse,
  type Server,
} from '@modelcontextprotocol/server';
import { type Caller, toAuthInfo } from '../auth/caller.js';
import { FAST_PATH_CONTEXT, FastPath } from '../http-fast/index.js';
import { resolveGuard } from '../http-guard.js';
import type { FetchOptions, HttpGuardOptions } from '../server-options.js';
import type { AuthFront } from './auth-front.js';
import { batchRefused } from './batch-refusal.js';
import type { Connections } from './connections.js';

/** What the HTTP front needs. */
export interface HttpFrontOptions {
  auth: AuthFront;
  connections: Connections;
  /** The server's `http` option: the default guard and `authenticate` hook. */
  http?: HttpGuardOptions;
  /** Largest MCP message read (`maxMessageBytes`). */
  maxMessageBytes: number;
  /** Makes the SDK server instance for one request. */
  createServer: (context: McpRequestContext) => Server;
}

/**
 * The Streamable HTTP endpoint: the checks a request passes before the SDK
 * sees it, in one sequence, then the SDK's handler (made on first use, so a
 * server only ever used over stdio never builds one).
 */
export class HttpFront {
  private handler?: McpHttpHandler;
  /** Single stateless tools/call and tools/list, without a server per request (http-fast/). */
  private fastPath?: FastPath;

  constructor(private readonly options: HttpFrontOptions) {}

  /**
   * Serves one request: Host/Origin guard -> batch refusal -> `authenticate`
   * hook -> caller identification and scope challenge -> the fast path for a
   * single stateless tools/call or tools/list -> SDK handler.
   */
  async fetch(request: Request, options: FetchOptions = {}): Promise<Response> {
    // Host/Origin checks default to localhost names whatever the runtime (see resolveGuard).
    const guard = options.guard ?? resolveGuard(this.options.http);
    if (guard.allowedHosts) {
      const rejected = hostHeaderValidationResponse(hostOf(request), guard.allowedHosts);
      if (rejected) return rejected;
    }
    if (guard.allowedOrigins) {
      const rejected = originValidationResponse(request, guard.allowedOrigins);
      if (rejected) return rejected;
    }
    if (Array.isArray(options.parsedBody)) return batchRefused();
    const authenticate = guard.authenticate ?? this.options.http?.authenticate;
    if (authenticate) {
      const refused = await authenticate(request);
      if (refused) return refused;
    }
    const { auth } = this.options;
    let caller: Caller | undefined;
    if (auth.identifiesCallers) {
      const identified = await auth.identifyHttp(request);
      if (identified instanceof Response) return identified;
      caller = identified;
      const refused = await auth.scopeChallenge(request, options.parsedBody, caller);
      if (refused) return refused;
    }
    if (this.options.http?.fastPath !== false) {
      this.fastPath ??= new FastPath({
        createServer: () => this.options.createServer(FAST_PATH_CONTEXT),
        maxMessageBytes: this.options.maxMessageBytes,
      });
      const fast = await this.fastPath.serve(request, options.parsedBody, caller && toAuthInfo(caller));
      if (fast) return fast;
    }
    return this.sdkHandler().fetch(request, {
      ...(options.parsedBody === undefined ? {} : { parsedBody: options.parsedBody }),
      ...(caller ? { authInfo: toAuthInfo(caller) } : {}),
    });
  }

  /** Aborts in-flight HTTP exchanges and releases the SDK handler. */
  async close(): Promise<void> {
    const handler = this.handler;
    this.handler = undefined;
    this.options.connections.attachHttp(undefined);
    await handler?.close();
    await this.fastPath?.close();
    this.fastPath = undefined;
  }

  private sdkHandler(): McpHttpHandler {
    if (!this.handler) {
      this.handler = createMcpHandler(this.options.createServer, {
        legacy: 'stateless',
        maxRequestBodySize: this.options.maxMessageBytes,
      });
      this.options.connections.attachHttp(this.handler);
    }
    return this.handler;
  }
}

/**
 * The request as the Host check reads it: runtimes build `request.url` from the
 * Host header (Workers, Bun, Deno, @hono/node-server), and a `Request` made in
 * code cannot carry one (`host` is a forbidden header name), so the URL's host
 * stands in when the header is absent.
 */
function hostOf(request: Request): Request {
  if (request.headers.has('host')) return request;
  return { headers: new Headers({ host: new URL(request.url).host }) } as Request;
}
