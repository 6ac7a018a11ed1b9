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
  type ServerContext,
} from '@modelcontextprotocol/server';
import { version as packageVersion } from '../package.json';
import { isAuthFailure } from './auth/auth-failure.js';
import type { AuthContext, AuthProvider, WellKnownDocument } from './auth/auth-provider.js';
import { type Caller, fromAuthInfo, identifyCaller, toAuthInfo } from './auth/caller.js';
import { combineProviders } from './auth/combine-providers.js';
import { normalizeForwardList } from './auth/forward-headers.js';
import { calledToolName, insufficientScope } from './auth/scope-challenge.js';
import { missingScopes, requiredScopes, type ToolScopesResolver } from './auth/tool-scopes.js';
import { type CallReporter, callTool } from './call-tool.js';
import type { Dispatch } from './http.js';
import { type CallLimits, DEFAULT_CALL_LIMITS } from './limits.js';
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
export interface BackendMcpOptions extends CallLimits {
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
  /**
   * Who may call: one provider, or several that must all grant the request (see
   * `combineProviders`). HTTP callers are checked on every request; stdio and
   * in-process callers once per connection, with `stdioCredentials` as their headers.
   */
  auth?: AuthProvider | readonly AuthProvider[];
  /**
   * Headers of the MCP caller's HTTP request that reach the app's request
   * (e.g. `['authorization']` for an app whose own middleware checks tokens).
   * Default: none. Headers set by the server (`headers`, providers) always win.
   */
  forwardHeaders?: readonly string[];
  /** Scopes a tool needs beyond those its route declares with `mcp({ scopes })`. */
  toolScopes?: ToolScopesResolver;
  /**
   * The headers a stdio (or other local-transport) caller is taken to have
   * sent, so auth providers and `forwardHeaders` work there too. Build them
   * from the environment the MCP client gives the process, e.g.
   * `{ authorization: \`Bearer ${process.env.MCP_TOKEN}\` }`.
   */
  stdioCredentials?: Readonly<Record<string, string>>;
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
  private handler?: McpHttpHandler;
  private preparing?: Promise<void>;
  private readonly provider?: AuthProvider;
  private readonly forwardList: readonly string[];
  private readonly wellKnownDocuments: ReadonlyMap<string, WellKnownDocument>;

  constructor(
    private readonly source: RouteSource,
    options: BackendMcpOptions = {},
  ) {
    this.options = options;
    this.limits = {
      timeoutMs: options.timeoutMs ?? DEFAULT_CALL_LIMITS.timeoutMs,
      maxRequestBytes: options.maxRequestBytes ?? DEFAULT_CALL_LIMITS.maxRequestBytes,
      maxResponseBytes: options.maxResponseBytes ?? DEFAULT_CALL_LIMITS.maxResponseBytes,
    };
    const onWarning = options.onWarning ?? ((message: string) => console.warn(message));
    this.catalog = new ToolCatalog(() => source.extractRoutes(), onWarning, options.filter);
    const providers = options.auth === undefined ? [] : [options.auth].flat();
    if (providers.length === 1) this.provider = providers[0];
    else if (providers.length > 1) this.provider = combineProviders(...providers);
    this.forwardList = normalizeForwardList(options.forwardHeaders);
    this.wellKnownDocuments = new Map(
      (this.provider?.wellKnown?.() ?? []).map((document) => [document.path, document]),
    );
  }

  /** Paths of the documents auth providers publish beside the endpoint (OAuth Protected Resource Metadata). */
  get wellKnownPaths(): readonly string[] {
    return [...this.wellKnownDocuments.keys()];
  }

  /**
   * Answers a `GET` for one of {@link wellKnownPaths} (with CORS open, as browser
   * clients fetch it cross-origin), or returns undefined for any other request.
   */
  serveWellKnown(request: Request): Response | undefined {
    const document = this.wellKnownDocuments.get(new URL(request.url).pathname);
    if (!document) return undefined;
    const headers = { 'access-control-allow-origin': '*', 'content-type': 'application/json' };
    if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers });
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response(null, { status: 405, headers: { ...headers, allow: 'GET, HEAD, OPTIONS' } });
    }
    return new Response(request.method === 'HEAD' ? null : JSON.stringify(document.body), { headers });
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
    return this.runTool(tool, args, { signal, caller: undefined, reporter: undefined });
  }

  /**
   * Runs a tool for a caller. Headers on the dispatched request, from lowest
   * to highest precedence: tool arguments, the caller's allow-listed headers,
   * the server's `headers`, headers granted by auth providers.
   */
  private runTool(
    tool: ToolSpec,
    args: Record<string, unknown>,
    call: { signal: AbortSignal | undefined; caller: Caller | undefined; reporter: CallReporter | undefined },
  ): Promise<CallToolResult> {
    const headers = {
      ...call.caller?.forwardedHeaders,
      ...this.options.headers,
      ...call.caller?.grantedHeaders,
    };
    return callTool(tool, args, {
      dispatch: this.source.dispatch,
      validator: this.validator,
      limits: this.limits,
      ...(Object.keys(headers).length > 0 ? { headers } : {}),
      ...(call.signal ? { signal: call.signal } : {}),
      ...(call.caller?.auth ? { auth: call.caller.auth } : {}),
      ...(call.reporter ? { reporter: call.reporter } : {}),
    });
  }

  /** The scopes `tool` needs that the caller lacks; always none when no auth is configured. */
  private scopesLacking(
    tool: ToolSpec,
    auth: AuthContext | undefined,
  ): { required: string[]; missing: string[] } {
    if (!this.provider) return { required: [], missing: [] };
    const required = requiredScopes(tool, this.options.toolScopes);
    return { required, missing: missingScopes(required, auth) };
  }

  /**
   * The caller of one SDK server instance: from the HTTP request (packed by
   * {@link fetch}), or, for stdio and in-process transports, authenticated
   * once from `stdioCredentials`.
   */
  private callerFor(context: McpRequestContext | undefined): () => Promise<Caller> {
    const fromHttp = fromAuthInfo(context?.authInfo);
    if (fromHttp) return () => Promise.resolve(fromHttp);
    if (context?.requestInfo && (this.provider || this.forwardList.length > 0)) {
      // Every HTTP request passes through fetch(), which packs the caller; reaching here means it was bypassed.
      return () =>
        Promise.reject(new ProtocolError(ProtocolErrorCode.InvalidRequest, 'Unauthenticated HTTP request.'));
    }
    let local: Promise<Caller> | undefined;
    return () => {
      local ??= identifyCaller(
        this.provider,
        {
          url: new URL('stdio:'),
          headers: new Headers({ ...this.options.stdioCredentials }),
          transport: 'local',
        },
        this.forwardList,
      ).catch((error: unknown) => {
        if (!isAuthFailure(error)) throw error;
        throw new ProtocolError(
          ProtocolErrorCode.InvalidRequest,
          `${error.message} This connection has no HTTP headers: give the credentials with the stdioCredentials option (e.g. from process.env).`,
        );
      });
      return local;
    };
  }

  /**
   * A fresh SDK server instance with this backend's tools. The SDK's serving
   * entries call it once per HTTP request or stdio connection, for either era.
   */
  createServer(context?: McpRequestContext): Server {
    const caller = this.callerFor(context);
    const server = new Server(
      { name: this.options.name ?? 'backend2mcp', version: this.options.version ?? packageVersion },
      {
        // listChanged stays off until routes can change at runtime (adapter.refresh, a later feature).
        // logging: routes can log to the caller through their MCP context.
        capabilities: { tools: {}, logging: {} },
        ...(this.options.instructions ? { instructions: this.options.instructions } : {}),
      },
    );
    server.setRequestHandler('tools/list', async () => {
      await this.prepare();
      const { auth } = await caller();
      const listed = this.catalog.listed.filter(
        (_, index) => this.scopesLacking(this.catalog.tools[index] as ToolSpec, auth).missing.length === 0,
      );
      return { tools: listed };
    });
    server.setRequestHandler('tools/call', async (request, ctx) => {
      await this.prepare();
      const who = await caller();
      const { name, arguments: args } = request.params;
      const tool = this.catalog.find(name);
      if (!tool) throw unknownTool(name);
      const { missing } = this.scopesLacking(tool, who.auth);
      if (missing.length > 0) {
        throw new ProtocolError(
          ProtocolErrorCode.InvalidParams,
          `Tool "${name}" needs the scope(s) ${missing.join(', ')}, which your credentials do not grant.`,
        );
      }
      const result = await this.runTool(tool, args ?? {}, {
        signal: ctx.mcpReq.signal,
        caller: who,
        reporter: reporterFor(ctx),
      });
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
    let caller: Caller | undefined;
    if (this.provider || this.forwardList.length > 0) {
      try {
        caller = await identifyCaller(
          this.provider,
          { url: new URL(request.url), headers: request.headers, transport: 'http' },
          this.forwardList,
        );
      } catch (error) {
        if (isAuthFailure(error)) return error.toResponse();
        throw error;
      }
      const refused = await this.scopeChallenge(request, options.parsedBody, caller);
      if (refused) return refused;
    }
    this.handler ??= createMcpHandler((context) => this.createServer(context), { legacy: 'stateless' });
    return this.handler.fetch(request, {
      ...(options.parsedBody === undefined ? {} : { parsedBody: options.parsedBody }),
      ...(caller ? { authInfo: toAuthInfo(caller) } : {}),
    });
  }

  /**
   * A `tools/call` for a tool the caller lacks scopes for is answered at the
   * HTTP level with 403 `insufficient_scope`, so the client can step up its
   * token (MCP authorization spec); the JSON-RPC handler refuses it as well.
   */
  private async scopeChallenge(
    request: Request,
    parsedBody: unknown,
    caller: Caller,
  ): Promise<Response | undefined> {
    if (!this.provider) return undefined;
    await this.prepare();
    const anyScoped = this.catalog.tools.some(
      (tool) => requiredScopes(tool, this.options.toolScopes).length > 0,
    );
    if (!anyScoped) return undefined;
    const name = await calledToolName(request, parsedBody);
    const tool = name === undefined ? undefined : this.catalog.find(name);
    if (!tool) return undefined;
    const { required, missing } = this.scopesLacking(tool, caller.auth);
    return missing.length > 0
      ? insufficientScope(tool.name, required, missing, this.provider).toResponse()
      : undefined;
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

/** Progress goes out only for a caller that sent a progress token; both notifications are best-effort. */
function reporterFor(ctx: ServerContext): CallReporter {
  const progressToken = ctx.mcpReq._meta?.progressToken;
  return {
    reportProgress: async (progress, total, message) => {
      if (progressToken === undefined) return;
      await ctx.mcpReq
        .notify({
          method: 'notifications/progress',
          params: {
            progressToken,
            progress,
            ...(total === undefined ? {} : { total }),
            ...(message === undefined ? {} : { message }),
          },
        })
        .catch(() => {});
    },
    log: async (level, data, logger) => {
      await ctx.mcpReq.log(level, data, logger).catch(() => {});
    },
  };
}

function unknownTool(name: string): ProtocolError {
  return new ProtocolError(
    ProtocolErrorCode.InvalidParams,
    `Unknown tool "${name}". Call tools/list for the available tools.`,
  );
}
