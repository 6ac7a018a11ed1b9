import {
  type CallToolResult,
  createMcpHandler,
  hostHeaderValidationResponse,
  type McpHttpHandler,
  type McpRequestContext,
  originValidationResponse,
  ProtocolError,
  ProtocolErrorCode,
  type ReadResourceResult,
  Server,
  type ServerContext,
  UriTemplate,
} from '@modelcontextprotocol/server';
import { version as packageVersion } from '../package.json';
import { isAuthFailure } from './auth/auth-failure.js';
import type { AuthContext, AuthProvider, WellKnownDocument } from './auth/auth-provider.js';
import { type Caller, fromAuthInfo, identifyCaller, toAuthInfo } from './auth/caller.js';
import { combineProviders } from './auth/combine-providers.js';
import { normalizeForwardList } from './auth/forward-headers.js';
import { insufficientScope, scopedTarget } from './auth/scope-challenge.js';
import { missingScopes, requiredScopes } from './auth/tool-scopes.js';
import { type CallReporter, callTool, SILENT_REPORTER } from './call-tool.js';
import { CookieJars } from './cookie-jar.js';
import { FAST_PATH_CONTEXT, FastPath, fastPathCaller } from './http-fast/index.js';
import { resolveGuard } from './http-guard.js';
import { type CallLimits, resolveCallLimits, resolveMaxMessageBytes } from './limits.js';
import { type HandlerCore, registerHandlers, unknownTool } from './mcp-handlers.js';
import { redactText, redactValue, secretsOf } from './redact.js';
import type { SkippedRoute } from './route.js';
import { SchemaValidator } from './schema-validation.js';
import type { BackendMcpOptions, FetchOptions, RouteSource } from './server-options.js';
import { callCustomTool } from './surface/call-custom-tool.js';
import {
  type CustomPromptDefinition,
  type CustomPromptGetter,
  type CustomResourceDefinition,
  type CustomResourceReader,
  CustomSurface,
  type CustomTool,
  type CustomToolDefinition,
  type CustomToolHandler,
} from './surface/custom-surface.js';
import { readRouteResource } from './surface/read-route-resource.js';
import type { RouteResource } from './surface/route-resources.js';
import { type CatalogEntry, ToolCatalog } from './tool-catalog.js';
import type { ToolSpec } from './tool-spec.js';

export type {
  BackendMcpOptions,
  FetchOptions,
  HttpGuardOptions,
  RequestEncoder,
  RouteSource,
} from './server-options.js';

/**
 * Entries per list page. Large enough that the SDK client's page cap (64 pages
 * by default when it walks a list itself) still covers 32,000 tools, small
 * enough that one page of a 10,000-route app stays around 250 KB.
 */
const DEFAULT_PAGE_SIZE = 500;

/** What {@link BackendMcpServer.refresh} found. */
export interface RefreshResult {
  /** True when the tool list changed (and `notifications/tools/list_changed` went out). */
  toolsChanged: boolean;
  /** True when the resource list changed (and `notifications/resources/list_changed` went out). */
  resourcesChanged: boolean;
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
  /** Single stateless tools/call and tools/list over HTTP, without a server per request (http-fast/). */
  private fastPath?: FastPath;
  private preparing?: Promise<void>;
  private readonly provider?: AuthProvider;
  private readonly forwardList: readonly string[];
  private readonly wellKnownDocuments: ReadonlyMap<string, WellKnownDocument>;
  private readonly custom = new CustomSurface();
  private readonly core: HandlerCore;
  /** SDK server instances serving stdio and in-process connections, told about list changes. */
  private readonly connections = new Map<Server, Set<string>>();
  /** One cookie jar per connection's caller (`cookies: true`). */
  private readonly cookieJars = new CookieJars();
  private readonly onWarning: (message: string) => void;

  constructor(
    private readonly source: RouteSource,
    options: BackendMcpOptions = {},
  ) {
    this.options = options;
    this.limits = resolveCallLimits(options);
    this.maxMessageBytes = resolveMaxMessageBytes(options);
    const onWarning = options.onWarning ?? ((message: string) => console.warn(message));
    this.onWarning = onWarning;
    this.catalog = new ToolCatalog(
      () => source.extractRoutes(),
      onWarning,
      {
        ...(options.filter ? { filter: options.filter } : {}),
        ...(options.include ? { include: options.include } : {}),
        ...(options.exclude ? { exclude: options.exclude } : {}),
        ...(options.routeMaps ? { routeMaps: options.routeMaps } : {}),
        ...(options.resourceScheme ? { resourceScheme: options.resourceScheme } : {}),
        ...(options.outputSchemas ? { outputSchemas: options.outputSchemas } : {}),
      },
      this.custom,
    );
    this.core = {
      prepare: () => this.prepare(),
      catalog: this.catalog,
      custom: this.custom,
      pageSize: options.pageSize ?? DEFAULT_PAGE_SIZE,
      visibleTools: (auth) =>
        // Without auth every tool is visible: the catalog's own list, not a filtered copy per page.
        this.provider
          ? this.catalog.entries
              .filter((entry) => this.entryLacks(entry, auth).length === 0)
              .map((entry) => entry.listed)
          : this.catalog.listedTools,
      lackingScopes: (entry, auth) => this.entryLacks(entry, auth),
      visibleResources: (auth) =>
        this.provider
          ? this.catalog.resources.filter(
              (resource) => this.scopesLacking(resource.tool, auth).missing.length === 0,
            )
          : this.catalog.resources,
      runEntry: (entry, args, call) => this.runEntry(entry, args, call),
      readResource: (uri, caller, signal) => this.readResource(uri, caller, signal),
      hasResource: (uri) => this.findResource(uri) !== undefined,
    };
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
    const entry = this.catalog.find(name);
    if (!entry) throw unknownTool(name);
    return this.runEntry(entry, args, { signal, caller: undefined, reporter: undefined });
  }

  /** GET routes served as MCP resources and resource templates (see the `routeMaps` option). */
  get resources(): readonly RouteResource[] {
    return this.catalog.resources;
  }

  /**
   * Adds a hand-written tool beside the generated ones (a generated tool of the
   * same name gives way). The input schema is JSON Schema or zod; arguments are
   * validated before the handler runs. Connected clients are told the list changed.
   */
  tool(name: string, definition: CustomToolDefinition, handler: CustomToolHandler): this {
    this.custom.addTool(name, definition, handler);
    void this.afterCustomChange('tools');
    return this;
  }

  /** Adds a hand-written resource (`uri`) or resource template (an RFC 6570 `uri` such as `notes://{id}`). */
  resource(
    name: string,
    uri: string,
    definition: CustomResourceDefinition,
    read: CustomResourceReader,
  ): this {
    this.custom.addResource(name, uri, definition, read);
    void this.afterCustomChange('resources');
    return this;
  }

  /** Adds a hand-written prompt. */
  prompt(name: string, definition: CustomPromptDefinition, get: CustomPromptGetter): this {
    this.custom.addPrompt(name, definition, get);
    void this.afterCustomChange('prompts');
    return this;
  }

  /**
   * Reads the app's routes again (call it after adding routes at runtime) and,
   * when the tools or resources changed, sends `notifications/tools/list_changed`
   * / `notifications/resources/list_changed` to connected clients: stdio and
   * in-process connections of both eras, and 2026-07-28 HTTP clients listening
   * with `subscriptions/listen` (stateless 2025-era HTTP has no channel for it).
   */
  async refresh(): Promise<RefreshResult> {
    await this.prepare();
    const before = this.surfaceSignature();
    this.catalog.reset();
    const after = this.surfaceSignature();
    const result = {
      toolsChanged: before.tools !== after.tools,
      resourcesChanged: before.resources !== after.resources,
    };
    if (result.toolsChanged) this.announce('tools');
    if (result.resourcesChanged) this.announce('resources');
    return result;
  }

  private surfaceSignature(): { tools: string; resources: string } {
    return {
      tools: JSON.stringify(this.catalog.entries.map((entry) => entry.listed)),
      resources: JSON.stringify(this.catalog.resources.map(({ tool: _tool, ...resource }) => resource)),
    };
  }

  private async afterCustomChange(kind: 'tools' | 'resources' | 'prompts'): Promise<void> {
    // The catalog holds the hand-written tools too: rebuild it on next use, whoever reads first.
    if (kind === 'tools') this.catalog.reset();
    // Registered before anyone connected: nothing to announce, the first list includes it.
    if (this.connections.size === 0 && !this.handler) return;
    this.announce(kind);
  }

  private announce(kind: 'tools' | 'resources' | 'prompts'): void {
    for (const server of this.connections.keys()) {
      const sent =
        kind === 'tools'
          ? server.sendToolListChanged()
          : kind === 'resources'
            ? server.sendResourceListChanged()
            : server.sendPromptListChanged();
      Promise.resolve(sent).catch(() => {}); // a connection that is closing just misses it
    }
    if (kind === 'tools') this.handler?.notify.toolsChanged();
    else if (kind === 'resources') this.handler?.notify.resourcesChanged();
    else this.handler?.notify.promptsChanged();
  }

  private runEntry(
    entry: CatalogEntry,
    args: Record<string, unknown>,
    call: { signal: AbortSignal | undefined; caller: Caller | undefined; reporter: CallReporter | undefined },
  ): Promise<CallToolResult> {
    if (entry.tool) return this.runTool(entry.tool, args, call);
    const custom = entry.custom!;
    return callCustomTool(
      custom,
      args,
      {
        timeoutMs: this.limits.timeoutMs,
        ...(call.signal ? { signal: call.signal } : {}),
        ...(call.caller?.auth ? { auth: call.caller.auth } : {}),
        ...(call.reporter ?? SILENT_REPORTER),
      },
      this.validator,
    );
  }

  /**
   * Tells subscribers that a resource's content changed
   * (`notifications/resources/updated`): stdio and in-process connections that
   * subscribed to `uri`, and 2026-07-28 HTTP clients listening for it.
   */
  resourceUpdated(uri: string): void {
    for (const [server, subscriptions] of this.connections) {
      if (subscriptions.has(uri)) server.sendResourceUpdated({ uri }).catch(() => {});
    }
    this.handler?.notify.resourceUpdated(uri);
  }

  /** The route or hand-written resource `uri` names, with the template variables it carries. */
  private findResource(uri: string) {
    for (const resource of this.catalog.resources) {
      if (resource.kind === 'resource' && resource.uri === uri) return { route: resource, variables: {} };
    }
    for (const resource of this.catalog.resources) {
      if (resource.kind !== 'template') continue;
      const variables = new UriTemplate(resource.uri).match(uri);
      if (variables) return { route: resource, variables };
    }
    for (const resource of this.custom.resources.values()) {
      const variables = resource.template ? resource.template.match(uri) : resource.uri === uri ? {} : null;
      if (variables) return { custom: resource, variables };
    }
    return undefined;
  }

  private async readResource(uri: string, caller: Caller, signal: AbortSignal): Promise<ReadResourceResult> {
    const found = this.findResource(uri);
    if (found?.route) {
      // Scopes guard resources as they guard tools (over HTTP the request was already answered 403).
      const { missing } = this.scopesLacking(found.route.tool, caller.auth);
      if (missing.length > 0) {
        throw new ProtocolError(
          ProtocolErrorCode.InvalidParams,
          `Resource ${uri} needs the scope(s) ${missing.join(', ')}, which your credentials do not grant.`,
          { uri },
        );
      }
      const headers = { ...caller.forwardedHeaders, ...this.options.headers, ...caller.grantedHeaders };
      const secrets = this.injectedSecrets(caller);
      const read = readRouteResource(found.route, uri, found.variables, {
        dispatch: this.source.dispatch,
        ...(this.source.encodeRequest ? { encodeRequest: this.source.encodeRequest } : {}),
        timeoutMs: this.limits.timeoutMs,
        maxResponseBytes: this.limits.maxResponseBytes,
        signal,
        ...(this.source.reaches ? { reaches: this.source.reaches } : {}),
        ...(Object.keys(headers).length > 0 ? { headers } : {}),
      });
      if (secrets.length === 0) return read;
      return read.then(
        (result) => redactValue(result, secrets),
        (error: unknown) => {
          // A failed read quotes the route's error body: redact it too.
          if (error instanceof ProtocolError) {
            throw new ProtocolError(error.code, redactText(error.message, secrets), error.data);
          }
          throw error;
        },
      );
    }
    if (found?.custom) {
      return found.custom.read(new URL(uri), found.variables, {
        signal,
        ...(caller.auth ? { auth: caller.auth } : {}),
        ...SILENT_REPORTER,
      });
    }
    throw new ProtocolError(-32002 as ProtocolErrorCode, `Resource not found: ${uri}`, { uri });
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
    const cookies = this.options.cookies && call.caller ? this.cookieJars.jarFor(call.caller) : undefined;
    const called = callTool(tool, args, {
      dispatch: this.source.dispatch,
      ...(this.source.encodeRequest ? { encodeRequest: this.source.encodeRequest } : {}),
      validator: this.validator,
      limits: this.limits,
      onWarning: this.onWarning,
      ...(cookies ? { cookies } : {}),
      ...(this.source.reaches ? { reaches: this.source.reaches } : {}),
      ...(Object.keys(headers).length > 0 ? { headers } : {}),
      ...(call.signal ? { signal: call.signal } : {}),
      ...(call.caller?.auth ? { auth: call.caller.auth } : {}),
      ...(call.reporter ? { reporter: call.reporter } : {}),
    });
    // Injected credentials are for the app: a route that echoes its headers must not return them.
    const secrets = this.injectedSecrets(call.caller);
    return secrets.length === 0 ? called : called.then((result) => redactValue(result, secrets));
  }

  /** The values of the headers backend2mcp injects for this caller (`headers`, provider grants), to redact from results. */
  private injectedSecrets(caller: Caller | undefined): string[] {
    const granted = caller?.grantedHeaders ?? {};
    if (!this.options.headers && Object.keys(granted).length === 0) return [];
    return secretsOf({ ...this.options.headers, ...granted });
  }

  /** The scopes a catalog entry (generated or hand-written) needs that the caller lacks. */
  private entryLacks(entry: CatalogEntry, auth: AuthContext | undefined): string[] {
    const tool = entry.tool ?? entry.custom;
    return tool ? this.scopesLacking(tool, auth).missing : [];
  }

  /** The scopes `tool` needs that the caller lacks; always none when no auth is configured. */
  private scopesLacking(
    tool: ToolSpec | CustomTool,
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
  private callerFor(context: McpRequestContext | undefined): (ctx?: ServerContext) => Promise<Caller> {
    if (context === FAST_PATH_CONTEXT) {
      return fastPathCaller(
        this.callerFor(undefined),
        this.provider !== undefined || this.forwardList.length > 0,
      );
    }
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
        capabilities: {
          tools: { listChanged: true },
          resources: { listChanged: true, subscribe: true },
          completions: {},
          prompts: { listChanged: true },
          // Routes and hand-written tools can log to the caller through their context.
          logging: {},
        },
        ...(this.options.instructions ? { instructions: this.options.instructions } : {}),
      },
    );
    const subscriptions = new Set<string>();
    registerHandlers(server, this.core, caller, subscriptions);
    if (!context?.requestInfo) {
      // A stdio or in-process connection lives on: it is told when the lists change.
      this.connections.set(server, subscriptions);
      const previous = server.onclose;
      server.onclose = () => {
        this.connections.delete(server);
        previous?.();
      };
    }
    return server;
  }

  /**
   * Serves one Streamable HTTP request (web-standard `Request` -> `Response`),
   * for both protocol eras: 2026-07-28 natively, 2025-era clients statelessly.
   * Host/Origin checks run first when configured.
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
    if (this.options.http?.fastPath !== false) {
      this.fastPath ??= new FastPath({
        createServer: () => this.createServer(FAST_PATH_CONTEXT),
        maxMessageBytes: this.maxMessageBytes,
      });
      const fast = await this.fastPath.serve(request, options.parsedBody, caller && toAuthInfo(caller));
      if (fast) return fast;
    }
    this.handler ??= createMcpHandler((context) => this.createServer(context), {
      legacy: 'stateless',
      maxRequestBodySize: this.maxMessageBytes,
    });
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
    const anyScoped = [
      ...this.catalog.entries.map((entry) => entry.tool ?? entry.custom),
      ...this.catalog.resources.map((resource) => resource.tool),
    ].some((tool) => tool !== undefined && requiredScopes(tool, this.options.toolScopes).length > 0);
    const target = await scopedTarget(request, parsedBody);
    if (!target) return undefined;
    if ('batch' in target) return batchRefused();
    if (!anyScoped) return undefined;
    const entry = 'tool' in target ? this.catalog.find(target.tool) : undefined;
    const tool =
      'tool' in target ? (entry?.tool ?? entry?.custom) : this.findResource(target.resource)?.route?.tool;
    if (!tool) return undefined;
    const { required, missing } = this.scopesLacking(tool, caller.auth);
    const what = 'tool' in target ? `Tool "${tool.name}"` : `Resource ${target.resource}`;
    return missing.length > 0
      ? insufficientScope(what, required, missing, this.provider).toResponse()
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
    await this.fastPath?.close();
    this.fastPath = undefined;
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

/**
 * JSON-RPC batches are not part of MCP since 2025-06-18 (nor of 2026-07-28).
 * They are refused where the endpoint sees the message before the SDK does (a
 * body the host framework parsed, or any request when auth is configured), so
 * a batch can never carry a call past the 403 scope challenge.
 */
function batchRefused(): Response {
  return Response.json(
    {
      jsonrpc: '2.0',
      error: { code: -32600, message: 'Invalid Request: JSON-RPC batches are not supported by this server.' },
      id: null,
    },
    { status: 400 },
  );
}
