import {
  type CallToolResult,
  createMcpHandler,
  hostHeaderValidationResponse,
  type McpHttpHandler,
  type McpRequestContext,
  originValidationResponse,
  ProtocolError,
  ProtocolErrorCode,
  Server,
} from '@modelcontextprotocol/server';
import { version as packageVersion } from '../package.json';
import { callTool } from './call-tool.js';
import type { Dispatch } from './http.js';
import { type CallLimits, type MessageLimits, resolveCallLimits, resolveMaxMessageBytes } from './limits.js';
import type { ExtractedRoutes, SkippedRoute } from './route.js';
import { SchemaValidator } from './schema-validation.js';
import { ToolCatalog } from './tool-catalog.js';
import type { ToolSpec } from './tool-spec.js';

/** What an adapter hands core: how to read the app's routes and how to run a request through it. */
export interface RouteSource {
  /** Reads the app's routes. Called on first use, so routes added after the adapter was created count. */
  extractRoutes(): ExtractedRoutes;
  /** Runs one request through the app in process. */
  dispatch: Dispatch;
  /**
   * Awaited once before routes are first read, for frameworks that register
   * routes asynchronously (Fastify plugins load at `app.ready()`).
   */
  prepare?(): Promise<void>;
}

/** Host and Origin checks for the HTTP endpoint (DNS-rebinding protection). */
export interface HttpGuardOptions {
  /**
   * Host names (no port; IPv6 in brackets) the `Host` header may name. A request
   * naming another host gets 403. `false` turns the check off. Default: on for
   * endpoints reached over loopback (`localhost`, `127.0.0.1`, `[::1]`), off otherwise.
   */
  allowedHosts?: string[] | false;
  /**
   * Origin host names a browser `Origin` header may name (requests without an
   * Origin, i.e. non-browser clients, always pass). `false` turns the check off.
   * Default: as for `allowedHosts`.
   */
  allowedOrigins?: string[] | false;
  /**
   * Checks the caller of the HTTP endpoint after Host/Origin validation: return a
   * Response (e.g. 401) to refuse the request, or undefined to let it through.
   */
  authenticate?: (request: Request) => Response | undefined | Promise<Response | undefined>;
}

/** Options shared by every adapter. */
export interface BackendMcpOptions extends CallLimits, MessageLimits {
  /** Server name shown to clients. Default `backend2mcp`. */
  name?: string;
  /** Server version shown to clients. Default: this package's version. */
  version?: string;
  /** Instructions for the model, sent at initialization. */
  instructions?: string;
  /** Where warnings go (routes that could not be exposed, ...). Default: `console.warn`, i.e. stderr. */
  onWarning?: (message: string) => void;
  /** Host/Origin validation of the HTTP endpoint. */
  http?: HttpGuardOptions;
  /**
   * Headers added to every request dispatched to the app (e.g. a service
   * credential the backend expects). They win over any header a caller's arguments set.
   */
  headers?: Record<string, string>;
  /**
   * Decides which tools exist: a tool it rejects is neither listed nor callable,
   * exactly like a hidden route.
   */
  filter?: (tool: ToolSpec) => boolean;
}

/** Per-request inputs to {@link BackendMcpServer.fetch}. */
export interface FetchOptions {
  /** A body the host framework already parsed (e.g. `req.body` after `express.json()`). */
  parsedBody?: unknown;
  /** Host/Origin checks for this request; overrides the server's `http` option. */
  guard?: HttpGuardOptions;
}

/**
 * The MCP server of one backend: its routes as tools, served over any MCP
 * transport for both protocol eras (2025-11-25 and 2026-07-28) through the
 * official SDK. Adapters create one and add their framework's conveniences;
 * you rarely use it directly.
 *
 * @example
 * ```ts
 * const mcp = new BackendMcpServer({ extractRoutes, dispatch }, { name: 'my-api' });
 * const response = await mcp.fetch(request); // Streamable HTTP, web-standard
 * ```
 */
export class BackendMcpServer {
  readonly options: BackendMcpOptions;
  private readonly catalog: ToolCatalog;
  private readonly validator = new SchemaValidator();
  private readonly limits: Required<CallLimits>;
  /** Largest MCP message the HTTP endpoint reads (`maxMessageBytes`). */
  readonly maxMessageBytes: number;
  private handler?: McpHttpHandler;
  private preparing?: Promise<void>;

  constructor(
    private readonly source: RouteSource,
    options: BackendMcpOptions = {},
  ) {
    this.options = options;
    this.limits = resolveCallLimits(options);
    this.maxMessageBytes = resolveMaxMessageBytes(options);
    const onWarning = options.onWarning ?? ((message: string) => console.warn(message));
    this.catalog = new ToolCatalog(() => source.extractRoutes(), onWarning, options.filter);
  }

  /** The generated tools, in route order (hidden routes are not among them). */
  get tools(): readonly ToolSpec[] {
    return this.catalog.tools;
  }

  /** Routes that could not be exposed, with the reason. */
  get skipped(): readonly SkippedRoute[] {
    return this.catalog.skipped;
  }

  /**
   * Calls a tool by name without any transport: the same validation, dispatch
   * and result mapping as `tools/call`. Throws `ProtocolError` (-32602) for an unknown name.
   */
  async callTool(
    name: string,
    args: Record<string, unknown> = {},
    signal?: AbortSignal,
  ): Promise<CallToolResult> {
    await this.prepare();
    const tool = this.catalog.find(name);
    if (!tool) throw unknownTool(name);
    return callTool(tool, args, {
      dispatch: this.source.dispatch,
      validator: this.validator,
      limits: this.limits,
      ...(this.options.headers ? { headers: this.options.headers } : {}),
      ...(signal ? { signal } : {}),
    });
  }

  /**
   * A fresh SDK server instance with this backend's tools. The SDK's serving
   * entries call it once per HTTP request or stdio connection, for either era.
   */
  createServer(_context?: McpRequestContext): Server {
    const server = new Server(
      { name: this.options.name ?? 'backend2mcp', version: this.options.version ?? packageVersion },
      {
        // listChanged stays off until routes can change at runtime (adapter.refresh, a later feature).
        capabilities: { tools: {} },
        ...(this.options.instructions ? { instructions: this.options.instructions } : {}),
      },
    );
    server.setRequestHandler('tools/list', async () => {
      await this.prepare();
      return { tools: [...this.catalog.listed] };
    });
    server.setRequestHandler('tools/call', async (request, ctx) => {
      await this.prepare();
      const { name, arguments: args } = request.params;
      const tool = this.catalog.find(name);
      if (!tool) throw unknownTool(name);
      const result = await this.callTool(name, args ?? {}, ctx.mcpReq.signal);
      return server.projectCallToolResult(result, tool.outputSchema);
    });
    return server;
  }

  /**
   * Serves one Streamable HTTP request (web-standard `Request` -> `Response`),
   * for both protocol eras: 2026-07-28 natively, 2025-era clients statelessly.
   * Host/Origin checks run first when configured.
   */
  async fetch(request: Request, options: FetchOptions = {}): Promise<Response> {
    const guard = options.guard ?? this.options.http ?? {};
    if (guard.allowedHosts) {
      const rejected = hostHeaderValidationResponse(request, guard.allowedHosts);
      if (rejected) return rejected;
    }
    if (guard.allowedOrigins) {
      const rejected = originValidationResponse(request, guard.allowedOrigins);
      if (rejected) return rejected;
    }
    const authenticate = guard.authenticate ?? this.options.http?.authenticate;
    if (authenticate) {
      const refused = await authenticate(request);
      if (refused) return refused;
    }
    this.handler ??= createMcpHandler((context) => this.createServer(context), {
      legacy: 'stateless',
      maxRequestBodySize: this.maxMessageBytes,
    });
    return this.handler.fetch(
      request,
      options.parsedBody === undefined ? {} : { parsedBody: options.parsedBody },
    );
  }

  /**
   * Lets the app finish registering routes (the source's `prepare`, e.g. Fastify's
   * `ready()`), once. Tools are read after it, so none registered late is missed.
   */
  prepare(): Promise<void> {
    // Tools read before preparation (e.g. `adapter.tools` right after construction) may miss
    // routes or schemas that preparation adds, so they are read again once it is done.
    this.preparing ??= this.source.prepare
      ? this.source.prepare().then(() => this.catalog.reset())
      : Promise.resolve();
    return this.preparing;
  }

  /** Aborts in-flight HTTP exchanges and releases the HTTP handler. */
  async close(): Promise<void> {
    const handler = this.handler;
    this.handler = undefined;
    await handler?.close();
  }
}

function unknownTool(name: string): ProtocolError {
  return new ProtocolError(
    ProtocolErrorCode.InvalidParams,
    `Unknown tool "${name}". Call tools/list for the available tools.`,
  );
}
