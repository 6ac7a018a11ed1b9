import type { AuthProvider } from './auth/auth-provider.js';
import type { ToolScopesResolver } from './auth/tool-scopes.js';
import type { OutputSchemaPublishing } from './build-tools.js';
import type { Dispatch, HttpRequest } from './http.js';
import type { CallLimits, MessageLimits } from './limits.js';
import type { ExtractedRoutes } from './route.js';
import type { RouteReach } from './route-boundary.js';
import type { RouteMap, RouteMatcher } from './surface/route-map.js';
import type { ToRequestOptions } from './to-request.js';
import type { ToolSpec } from './tool-spec.js';

/**
 * Builds the HTTP request of one tool call from its validated arguments, in
 * place of core's {@link toRequest}. For sources whose backend defines its own
 * serialisation (an OpenAPI document's `style`/`explode`, form and multipart
 * bodies). `options` carries the headers core adds (they must win) and the
 * request size limit.
 */
export type RequestEncoder = (
  tool: ToolSpec,
  args: Record<string, unknown>,
  options: ToRequestOptions,
) => HttpRequest;

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
  /** Builds each call's request instead of core's `toRequest` (optional; see {@link RequestEncoder}). */
  encodeRequest?: RequestEncoder;
  /**
   * The route boundary's check before dispatch (optional): whether the
   * framework's own router sends a method and URL to the given route. When
   * given, a call whose request would reach any other route is refused before
   * it is dispatched. Adapters also verify at the route (see `RouteExpectation`).
   */
  reaches?: RouteReach;
}

/** Host and Origin checks for the HTTP endpoint (DNS-rebinding protection). */
export interface HttpGuardOptions {
  /**
   * Host names (no port; IPv6 in brackets) the `Host` header may name. A request
   * naming another host gets 403. `false` turns the check off (only behind a
   * proxy that checks Host itself). Default: `localhost`, `127.0.0.1`, `[::1]`,
   * whatever address or runtime the endpoint is reached through: a server
   * reached under another name must list it.
   */
  allowedHosts?: string[] | false;
  /**
   * Origin host names a browser `Origin` header may name (requests without an
   * Origin, i.e. non-browser clients, always pass). `false` turns the check off.
   * Default: the `allowedHosts` list when one is given, else the localhost names.
   */
  allowedOrigins?: string[] | false;
  /**
   * Checks the caller of the HTTP endpoint after Host/Origin validation: return a
   * Response (e.g. 401) to refuse the request, or undefined to let it through.
   */
  authenticate?: (request: Request) => Response | undefined | Promise<Response | undefined>;
  /**
   * Serve single stateless `tools/call` and `tools/list` requests on the fast
   * path: through the SDK's request dispatch on a server kept for the life of
   * the endpoint, answered with `application/json`, instead of a new server and
   * an SSE stream per request (see docs/serving.md). Everything else is served
   * by the SDK either way. `false` sends every request through the SDK, for debugging. Default `true`.
   */
  fastPath?: boolean;
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
   * exactly like a hidden route. Runs after `include`, `exclude` and `routeMaps`.
   */
  filter?: (tool: ToolSpec) => boolean;
  /** Only routes matching one of these become tools or resources (the rest are excluded). */
  include?: RouteMatcher | readonly RouteMatcher[];
  /** Routes matching any of these are excluded: neither listed nor callable. */
  exclude?: RouteMatcher | readonly RouteMatcher[];
  /**
   * Ordered rules, first match wins: `{ methods: ['GET'], path: '/config/**', as: 'resource' }`
   * turns routes into resources (no params) or resource templates (params), or
   * excludes them (`as: 'exclude'`). Unmatched routes are tools.
   */
  routeMaps?: readonly RouteMap[];
  /** URI scheme of resources made from routes: `api` gives `api://users/{id}`. Default `api`. */
  resourceScheme?: string;
  /** Entries per page of `tools/list`, `resources/list` and the like. Default 500. */
  pageSize?: number;
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
  /**
   * Keep the cookies the app sets, one jar per MCP connection, and send them
   * back on that connection's later calls (an API with a session login then
   * works within one session). Never shared between connections. Stateless
   * HTTP has no connection beyond one request, so there the jar lasts one call.
   * Default `false`.
   */
  cookies?: boolean;
  /**
   * Which declared response schemas are published as tools' `outputSchema`:
   * `opt-in` (default) only those of routes that opt in with `mcp({...})`;
   * `declared` every JSON response schema a route declares. Clients reject a
   * result that does not match a published schema; see docs/tool-model.md.
   */
  outputSchemas?: OutputSchemaPublishing;
}

/** Per-request inputs to {@link BackendMcpServer.fetch}. */
export interface FetchOptions {
  /** A body the host framework already parsed (e.g. `req.body` after `express.json()`). */
  parsedBody?: unknown;
  /** Host/Origin checks for this request; overrides the server's `http` option. */
  guard?: HttpGuardOptions;
}
