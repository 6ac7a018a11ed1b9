/**
 * The one file of `@backend2mcp/nestjs` that speaks core's adapter-facing API
 * (route records, the dispatch, the serving base class, the Node endpoint).
 * Everything else in the package speaks Nest: discovery, schemas, decorators,
 * the module. Porting the adapter onto another core contract means editing this file.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type AuthContext,
  Backend2McpError,
  type BackendMcpOptions,
  type Dispatch,
  type DispatchContext,
  type ExtractedRoutes,
  type HttpRequest,
  type RouteInfo,
  type ToolSpec,
} from '@backend2mcp/core';
import { generateToolName, parsePathTemplate } from '@backend2mcp/core/adapter';
import {
  createNodeEndpoint,
  createWellKnownEndpoint,
  type NodeEndpointOptions,
  NodeMcpAdapter,
  type NodeRequestListener,
  nodeListenerDispatch,
} from '@backend2mcp/core/node';
import {
  mcpContext as fastifyMcpContext,
  injectDispatch,
  translateFastifyPath,
} from '@backend2mcp/fastify/dispatch';
import { platformBoundary, VERSION_CONSTRAINT } from './boundary/platform-boundary.js';
import { type DiscoveredRoutes, discoverRoutes, type NestRoute } from './discover/discover-routes.js';
import { type NestAppLike, type NestAppView, type NestHttpAdapter, viewOfApp } from './nest-internals.js';
import { loadRouteSchemas, type RouteSchemaSource, type SchemaMode } from './schemas/route-schemas.js';

/** Options for {@link McpAdapter}. */
export interface McpAdapterOptions extends BackendMcpOptions {
  /**
   * Where tool schemas come from. `auto` (default): the OpenAPI document
   * `@nestjs/swagger` builds when the app uses it, else class-validator DTOs,
   * else the route's `@Param`/`@Query` decorators. `none`: path params only.
   */
  schemas?: SchemaMode;
}

/** Options of the MCP endpoint `McpModule` mounts: Host/Origin checks (DNS-rebinding protection). */
export interface McpEndpointOptions extends Omit<NodeEndpointOptions, 'parsedBody'> {}

/** What a route handler sees as the MCP call it serves (`@McpContext()`, {@link mcpContext}). */
export interface McpCallContext extends DispatchContext {}

/** Headers a request needs to reach a route's handler (version header, `host`), kept beside its {@link RouteInfo}. */
const REQUIRED_HEADERS = Symbol('backend2mcp.nestjs.requiredHeaders');
type NestRouteInfo = RouteInfo & {
  [REQUIRED_HEADERS]?: Record<string, string>;
  [VERSION_CONSTRAINT]?: string | symbol;
};

/**
 * Serves every route of a NestJS application (Express or Fastify platform) as
 * an MCP tool. Routes are read from Nest's controllers and metadata after
 * `app.init()`, with the global prefix, `RouterModule` paths and versioning;
 * calls run in process through the platform, so middleware, guards,
 * interceptors, pipes, exception filters and request-scoped providers run as
 * for an HTTP request.
 *
 * @example
 * ```ts
 * const app = await NestFactory.create(AppModule);
 * app.setGlobalPrefix('api');
 * app.useGlobalPipes(new ValidationPipe());
 * const adapter = new McpAdapter(app);
 * await adapter.listen({ port: 3001 }); // or adapter.serve() for stdio
 * ```
 */
export class McpAdapter extends NodeMcpAdapter {
  /**
   * @param app The application `NestFactory.create()` returns, or the promise of
   *   it (the adapter waits for it, then calls `app.init()` before reading routes).
   */
  constructor(app: NestAppLike | PromiseLike<NestAppLike> | NestAppView, options: McpAdapterOptions = {}) {
    const source = appSource(app);
    const warn = options.onWarning ?? console.warn;
    const boundary = platformBoundary(() => source.view().httpAdapter());
    let schemas: (() => RouteSchemaSource) | undefined;
    super(
      {
        prepare: async () => {
          // The check at the route goes in before the app starts (Fastify takes no hook after).
          await source.start(() => boundary.guard());
          if (!boundary.guard()) {
            warn(
              'backend2mcp: the Nest app (Fastify platform) had already started, so calls are checked against their route only before dispatch ' +
                '(a rewriteUrl that sends them elsewhere is not caught); create the adapter before app.listen().',
            );
          }
          schemas = await loadRouteSchemas(
            options.schemas ?? 'auto',
            () => source.view().application(),
            warn,
          );
        },
        extractRoutes: () => {
          const view = source.view();
          const fastify = view.httpAdapter().getType() === 'fastify';
          const discovered = discoverRoutes(view);
          // Express: the handlers' routes (not Nest middleware registered as routes) get their check.
          boundary.know(discovered);
          boundary.guard();
          return toExtractedRoutes(discovered, schemas?.(), fastify);
        },
        dispatch: withRequiredHeaders(
          platformDispatch(() => source.view().httpAdapter()),
          () => this.tools,
        ),
        reaches: boundary.reaches,
      },
      options,
    );
    // McpModule's adapter is created while the app initialises, before Fastify is ready: guard now.
    if (source.available()) boundary.guard();
  }

  /**
   * A Nest app serves MCP as one of its own controllers, so guards, the global
   * prefix and versioning apply to the endpoint like to any route: import
   * `McpModule.forRoot({ path })` in the root module instead. Throws
   * `UNSUPPORTED_CONTEXT` saying so (the parameters are those of every adapter's `mount()`).
   */
  mount(_path = '/mcp', _options: object = {}): this {
    throw new Backend2McpError(
      'UNSUPPORTED_CONTEXT',
      'A NestJS app serves MCP through McpModule.forRoot({ path: "/mcp" }) in its root module (guards and the global prefix apply to it there); mount() is how the other adapters do it.',
    );
  }

  /** Paths of the OAuth Protected Resource Metadata documents (RFC 9728) the auth providers publish. */
  get wellKnownPaths(): readonly string[] {
    return this.server.wellKnownPaths;
  }

  /** A Node request handler serving the documents at {@link wellKnownPaths}. */
  wellKnownHandler(): (req: IncomingMessage, res: ServerResponse) => void {
    return createWellKnownEndpoint(this.server);
  }

  /** The largest MCP message the endpoint accepts, in bytes (option `maxMessageBytes`). */
  get maxMessageBytes(): number {
    return this.server.maxMessageBytes;
  }

  /**
   * The MCP endpoint as a handler for a route of the app itself (`McpModule`
   * mounts one): Node's request and response, plus the body when the platform
   * already parsed it.
   */
  endpointHandler(
    options: McpEndpointOptions = {},
  ): (req: IncomingMessage, res: ServerResponse, parsedBody: unknown) => void {
    const parsedBodies = new WeakMap<IncomingMessage, unknown>();
    const endpoint = createNodeEndpoint(this.server, {
      ...options,
      parsedBody: (req) => parsedBodies.get(req),
    });
    return (req, res, parsedBody) => {
      if (parsedBody !== undefined) parsedBodies.set(req, parsedBody);
      endpoint(req, res);
    };
  }
}

/** The app behind an adapter: how to start it (or wait for it) and how to read it once started. */
interface AppSource {
  /** Waits for the app (and initialises it); `beforeInit` runs once the app exists, before that. */
  start(beforeInit: () => void): Promise<void>;
  /** True once the app exists, so {@link view} answers. */
  available(): boolean;
  view(): NestAppView;
}

function appSource(app: NestAppLike | PromiseLike<NestAppLike> | NestAppView): AppSource {
  // McpModule's view: the app is started elsewhere; wait for it.
  if ('modules' in app) return { start: async () => app.started?.(), available: () => true, view: () => app };
  let view: NestAppView | undefined = 'then' in app ? undefined : readableApp(app);
  return {
    async start(beforeInit) {
      const resolved = await app;
      view ??= readableApp(resolved);
      beforeInit();
      // Routes reach the platform when the app initialises (a no-op when it already has).
      await resolved.init();
    },
    available: () => view !== undefined,
    view() {
      if (!view)
        throw new Backend2McpError('UNSUPPORTED_APP', 'backend2mcp: the Nest app has not been created yet.');
      return view;
    },
  };
}

function readableApp(app: NestAppLike): NestAppView {
  const view = viewOfApp(app);
  if (!view) {
    throw new Backend2McpError(
      'UNSUPPORTED_APP',
      'backend2mcp: this is not a NestJS 11 or 12 HTTP application; pass the app NestFactory.create() returns.',
    );
  }
  return view;
}

/**
 * The MCP call `request` serves (the Express request, the Fastify request, or
 * the raw Node request under either), or undefined for an ordinary HTTP request.
 */
export function mcpContext(request: unknown): McpCallContext | undefined {
  if (typeof request !== 'object' || request === null) return undefined;
  const onRequest = (request as { mcp?: McpCallContext }).mcp;
  return onRequest ?? fastifyMcpContext(request);
}

/** The caller of the MCP call `request` serves, as the configured auth providers established it. */
export function getAuthContext(request: unknown): AuthContext | undefined {
  return mcpContext(request)?.auth;
}

/**
 * The routes an {@link McpAdapter} reads of a Nest app, and the routes it
 * skips with the reason: controllers found through Nest's metadata, with the
 * global prefix, `RouterModule` paths, versioning and `@McpTool()` overrides.
 * Synchronous, so without the schemas of `@nestjs/swagger` and class-validator
 * DTOs (the adapter loads those when it prepares); path parameters still come
 * from the path. Call it once the app is created (`NestFactory.create()`
 * resolved) and configured (`setGlobalPrefix()`, `enableVersioning()`).
 */
export function extractRoutes(app: NestAppLike): ExtractedRoutes {
  const view = readableApp(app);
  return toExtractedRoutes(discoverRoutes(view), undefined, view.httpAdapter().getType() === 'fastify');
}

/** Express platform: the Node in-memory dispatch. Fastify platform: the instance's inject path. */
function platformDispatch(httpAdapter: () => NestHttpAdapter): Dispatch {
  let dispatch: Dispatch | undefined;
  return (request, options) => {
    if (!dispatch) {
      const adapter = httpAdapter();
      const instance = adapter.getInstance();
      dispatch =
        adapter.getType() === 'fastify'
          ? injectDispatch(instance as Parameters<typeof injectDispatch>[0])
          : nodeListenerDispatch(() => instance as NodeRequestListener);
    }
    return dispatch(request, options);
  };
}

/** Adds the headers a tool's route needs (its version header, its controller's host) to every call of it. */
function withRequiredHeaders(dispatch: Dispatch, tools: () => readonly ToolSpec[]): Dispatch {
  let indexed: readonly ToolSpec[] | undefined;
  let byName = new Map<string, Record<string, string>>();
  return (request, options) => {
    const name = options.context?.toolName;
    if (name === undefined) return dispatch(request, options);
    const current = tools();
    if (current !== indexed) {
      indexed = current;
      byName = new Map();
      for (const tool of current) {
        const required = (tool.route as NestRouteInfo)[REQUIRED_HEADERS];
        if (required) byName.set(tool.name, required);
      }
    }
    const required = byName.get(name);
    if (!required) return dispatch(request, options);
    const withHeaders: HttpRequest = { ...request, headers: { ...request.headers, ...required } };
    return dispatch(withHeaders, options);
  };
}

/**
 * Nest's routes as core's route records. On the Fastify platform, controller
 * paths are find-my-way's (`*` for a wildcard, `:id?`) and are translated.
 */
function toExtractedRoutes(
  discovered: DiscoveredRoutes,
  schemas: RouteSchemaSource | undefined,
  fastify: boolean,
): ExtractedRoutes {
  const clashing = versionClashes(discovered.routes);
  const skipped = discovered.skipped.map(({ route, reason }) => ({ route, reason }));
  const routes: NestRouteInfo[] = [];
  for (const route of discovered.routes) {
    const translated = fastify
      ? translateFastifyPath(route.path)
      : { ok: true as const, template: route.path };
    if (!translated.ok) {
      skipped.push({ route: `${route.source} ${route.path}`, reason: translated.reason });
      continue;
    }
    const routeSchemas = schemas?.(route);
    const info: NestRouteInfo = {
      method: route.method,
      path: translated.template,
      ...('paramPatterns' in translated && translated.paramPatterns
        ? { paramPatterns: translated.paramPatterns }
        : {}),
      source: `nest ${route.source}`,
      ...(routeSchemas?.schemas ? { schemas: routeSchemas.schemas } : {}),
      ...(routeSchemas?.bodyEncoding ? { bodyEncoding: routeSchemas.bodyEncoding } : {}),
      ...(routeSchemas?.description ? { description: routeSchemas.description } : {}),
      ...(routeSchemas?.summary ? { summary: routeSchemas.summary } : {}),
      ...(routeSchemas?.tags ? { tags: routeSchemas.tags } : {}),
      ...metaOf({ ...route, path: translated.template }, clashing),
    };
    if (Object.keys(route.headers).length > 0) info[REQUIRED_HEADERS] = route.headers;
    if (route.versionConstraint !== undefined) info[VERSION_CONSTRAINT] = route.versionConstraint;
    routes.push(info);
  }
  return { routes, skipped };
}

/**
 * Header-versioned handlers share a method and path; each version becomes its
 * own tool, named `<generated name>_v<version>` unless `@McpTool({ name })` says otherwise.
 */
function metaOf(route: NestRoute, clashing: Set<string>): Pick<RouteInfo, 'meta'> {
  const needsName = route.version !== undefined && clashing.has(`${route.method} ${route.path}`);
  if (!needsName || route.meta?.name) return route.meta ? { meta: route.meta } : {};
  let generated: string;
  try {
    generated = generateToolName(route.method, parsePathTemplate(route.path));
  } catch {
    return route.meta ? { meta: route.meta } : {}; // core skips the route with the reason
  }
  const name = `${generated}_v${route.version}`.replace(/[^A-Za-z0-9_.-]/g, '_');
  return { meta: { ...route.meta, name } };
}

function versionClashes(routes: readonly NestRoute[]): Set<string> {
  const seen = new Set<string>();
  const clashing = new Set<string>();
  for (const route of routes) {
    const key = `${route.method} ${route.path}`;
    if (seen.has(key)) clashing.add(key);
    seen.add(key);
  }
  return clashing;
}
