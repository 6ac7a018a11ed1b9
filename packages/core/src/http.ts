import type {
  CreateMessageRequestParams,
  CreateMessageResult,
  ElicitRequestFormParams,
  ElicitResult,
} from '@modelcontextprotocol/server';
import type { AuthContext } from './auth/auth-provider.js';
import type { HttpMethod } from './http-method.js';
import type { RouteExpectation } from './route-boundary.js';

/**
 * The plain HTTP records that flow between core and an adapter. Core builds an
 * {@link HttpRequest} from tool arguments; the adapter runs it through the app in
 * process and answers with an {@link HttpResponse}. Neither side sees the other's
 * world: core knows no framework, an adapter knows no MCP.
 */

export { HTTP_METHODS, type HttpMethod } from './http-method.js';

/** One request to dispatch through the app, in process. */
export interface HttpRequest {
  /** Upper-case HTTP method. */
  method: HttpMethod;
  /**
   * Path plus query string, already percent-encoded, e.g. `/users/..%2Fadmin?tag=a&tag=b`.
   * Always starts with `/`; never contains a scheme or host.
   */
  url: string;
  /** Lower-case header names; values never contain CR or LF. */
  headers: Record<string, string>;
  /** Raw request body, or undefined for none. */
  body?: Uint8Array;
}

/** What the app answered. */
export interface HttpResponse {
  status: number;
  /** Lower-case header names. Repeated headers (set-cookie) are joined with `, `. */
  headers: Record<string, string>;
  /** Raw response body (empty for none). */
  body: Uint8Array;
}

/** Options for one dispatch. */
export interface DispatchOptions {
  /** Aborted when the MCP caller cancels or the call times out; the dispatch must stop the in-process request. */
  signal?: AbortSignal;
  /** Largest response body accepted, in bytes; a larger one rejects with a `RESPONSE_TOO_LARGE` error. */
  maxResponseBytes?: number;
  /** Extra values an adapter exposes to the route handler (e.g. `req.mcp`), never sent as headers. */
  context?: DispatchContext;
  /**
   * The route this request must arrive at (the tool's own). The adapter
   * attaches it to the framework's request (`expectRoute`) and its guard
   * refuses to run any other route (`admitRoute`), marking it `refused`.
   */
  expectation?: RouteExpectation;
}

/** Severity of a log message sent to the MCP caller (RFC 5424 levels, as MCP uses them). */
export type McpLogLevel =
  | 'debug'
  | 'info'
  | 'notice'
  | 'warning'
  | 'error'
  | 'critical'
  | 'alert'
  | 'emergency';

/**
 * What a route handler can learn about, and do for, the MCP call it serves.
 * Adapters expose it in their framework's idiom (`req.mcp`, `request.mcp`,
 * `mcpContext(ctx)`, `c.get('mcp')`); ordinary HTTP requests have none.
 */
export interface DispatchContext {
  /** The tool being called. */
  toolName: string;
  /** The arguments the caller sent, after validation. */
  arguments: Record<string, unknown>;
  /** Who is calling, when auth providers are configured. */
  auth?: AuthContext;
  /**
   * Reports progress to the caller (`notifications/progress`) when it asked for
   * progress; otherwise does nothing. `progress` must grow with each call.
   * Never rejects: a caller that went away just stops receiving.
   */
  reportProgress(progress: number, total?: number, message?: string): Promise<void>;
  /**
   * Sends a log message to the caller (`notifications/message`), subject to
   * the level it asked for. Never rejects.
   */
  log(level: McpLogLevel, data: unknown, logger?: string): Promise<void>;
  /**
   * Asks the caller's user for input while the request runs (`elicitation/create`).
   * Works where the connection carries server-to-client requests: stdio and
   * in-process transports of the 2025-11-25 era, with a client that declared
   * elicitation. Rejects with a message saying why elsewhere (stateless HTTP,
   * 2026-07-28, a direct `callTool`).
   */
  elicit(params: ElicitRequestFormParams): Promise<ElicitResult>;
  /** Asks the caller's model for a completion (`sampling/createMessage`); same limits as {@link elicit}. */
  sample(params: CreateMessageRequestParams): Promise<CreateMessageResult>;
}

/** The function an adapter gives core to run one request through the app in process. */
export type Dispatch = (request: HttpRequest, options: DispatchOptions) => Promise<HttpResponse>;
