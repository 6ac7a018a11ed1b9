import type { CallToolResult, McpRequestContext, Server } from '@modelcontextprotocol/server';
import { combineProviders } from './auth/combine-providers.js';
import { normalizeForwardList } from './auth/forward-headers.js';
import { resolveCallLimits, resolveMaxMessageBytes } from './limits.js';
import type { SkippedRoute } from './route.js';
import { AuthFront } from './server/auth-front.js';
import { CallRunner } from './server/call-runner.js';
import { Connections, type ListKind } from './server/connections.js';
import { HttpFront } from './server/http-front.js';
import { unknownTool } from './server/protocol-errors.js';
import { createProtocolServer, type ProtocolServerParts } from './server/protocol-server.js';
import { SurfaceView } from './server/surface-view.js';
import type { BackendMcpOptions, FetchOptions, RouteSource } from './server-options.js';
import {
  type CustomPromptDefinition,
  type CustomPromptGetter,
  type CustomResourceDefinition,
  type CustomResourceReader,
  CustomSurface,
  type CustomToolDefinition,
  type CustomToolHandler,
} from './surface/custom-surface.js';
import type { RouteResource } from './surface/route-resources.js';
import { ToolCatalog } from './tool-catalog.js';
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
  /** Largest MCP message the HTTP endpoint reads (`maxMessageBytes`). */
  readonly maxMessageBytes: number;
  // The jobs, each in its own module; they call one another one way (see ./server/) and none calls back here.
  private readonly custom = new CustomSurface();
  private readonly catalog: ToolCatalog;
  private readonly surface: SurfaceView;
  private readonly runner: CallRunner;
  private readonly auth: AuthFront;
  private readonly connections = new Connections();
  private readonly protocol: ProtocolServerParts;
  private readonly http: HttpFront;

  constructor(source: RouteSource, options: BackendMcpOptions = {}) {
    this.options = options;
    this.maxMessageBytes = resolveMaxMessageBytes(options);
    const onWarning = options.onWarning ?? ((message: string) => console.warn(message));
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
    const providers = options.auth === undefined ? [] : [options.auth].flat();
    const provider = providers.length > 1 ? combineProviders(...providers) : providers[0];
    this.surface = new SurfaceView({
      catalog: this.catalog,
      custom: this.custom,
      ...(source.prepare ? { prepareSource: () => source.prepare!() } : {}),
      ...(provider ? { provider } : {}),
      ...(options.toolScopes ? { toolScopes: options.toolScopes } : {}),
    });
    this.runner = new CallRunner({
      source,
      surface: this.surface,
      limits: resolveCallLimits(options),
      onWarning,
      ...(options.headers ? { headers: options.headers } : {}),
      ...(options.cookies ? { cookies: options.cookies } : {}),
    });
    this.auth = new AuthFront({
      surface: this.surface,
      ...(provider ? { provider } : {}),
      forwardList: normalizeForwardList(options.forwardHeaders),
      ...(options.stdioCredentials ? { stdioCredentials: options.stdioCredentials } : {}),
    });
    this.protocol = {
      surface: this.surface,
      runner: this.runner,
      pageSize: options.pageSize ?? DEFAULT_PAGE_SIZE,
      identity: {
        ...(options.name ? { name: options.name } : {}),
        ...(options.version ? { version: options.version } : {}),
        ...(options.instructions ? { instructions: options.instructions } : {}),
      },
      auth: this.auth,
      connections: this.connections,
    };
    this.http = new HttpFront({
      auth: this.auth,
      connections: this.connections,
      ...(options.http ? { http: options.http } : {}),
      maxMessageBytes: this.maxMessageBytes,
      createServer: (context) => this.createServer(context),
    });
  }

  /** Paths of the documents auth providers publish beside the endpoint (OAuth Protected Resource Metadata). */
  get wellKnownPaths(): readonly string[] {
    return this.auth.wellKnownPaths;
  }

  /**
   * Answers a `GET` for one of {@link wellKnownPaths} (with CORS open, as browser
   * clients fetch it cross-origin), or returns undefined for any other request.
   */
  serveWellKnown(request: Request): Response | undefined {
    return this.auth.serveWellKnown(request);
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
    return this.runner.runEntry(entry, args, { signal, caller: undefined, reporter: undefined });
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
    this.afterCustomChange('tools');
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
    this.afterCustomChange('resources');
    return this;
  }

  /** Adds a hand-written prompt. */
  prompt(name: string, definition: CustomPromptDefinition, get: CustomPromptGetter): this {
    this.custom.addPrompt(name, definition, get);
    this.afterCustomChange('prompts');
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
    const before = this.surface.signature();
    this.catalog.reset();
    const after = this.surface.signature();
    const result = {
      toolsChanged: before.tools !== after.tools,
      resourcesChanged: before.resources !== after.resources,
    };
    if (result.toolsChanged) this.connections.announce('tools');
    if (result.resourcesChanged) this.connections.announce('resources');
    return result;
  }

  private afterCustomChange(kind: ListKind): void {
    // The catalog holds the hand-written tools too: rebuild it on next use, whoever reads first.
    if (kind === 'tools') this.catalog.reset();
    // Registered before anyone connected: nothing to announce, the first list includes it.
    if (this.connections.anyone) this.connections.announce(kind);
  }

  /**
   * Tells subscribers that a resource's content changed
   * (`notifications/resources/updated`): stdio and in-process connections that
   * subscribed to `uri`, and 2026-07-28 HTTP clients listening for it.
   */
  resourceUpdated(uri: string): void {
    this.connections.resourceUpdated(uri);
  }

  /**
   * A fresh SDK server instance with this backend's tools. The SDK's serving
   * entries call it once per HTTP request or stdio connection, for either era.
   */
  createServer(context?: McpRequestContext): Server {
    return createProtocolServer(this.protocol, context);
  }

  /**
   * Serves one Streamable HTTP request (web-standard `Request` -> `Response`),
   * for both protocol eras: 2026-07-28 natively, 2025-era clients statelessly.
   * Host/Origin checks run first when configured.
   */
  fetch(request: Request, options: FetchOptions = {}): Promise<Response> {
    return this.http.fetch(request, options);
  }

  /**
   * Lets the app finish registering routes (the source's `prepare`, e.g. Fastify's
   * `ready()`), once. Tools are read after it, so none registered late is missed.
   */
  prepare(): Promise<void> {
    return this.surface.prepare();
  }

  /** Aborts in-flight HTTP exchanges and releases the HTTP handler. */
  close(): Promise<void> {
    return this.http.close();
  }
}
