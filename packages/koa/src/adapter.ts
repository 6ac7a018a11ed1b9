import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthContext, BackendMcpOptions, DispatchContext } from '@backend2mcp/core';
import { callContextOf, type McpServerAdapter, mountMcpRoutes } from '@backend2mcp/core/adapter';
import {
  createNodeEndpoint,
  createWellKnownEndpoint,
  type NodeEndpoint,
  type NodeEndpointOptions,
  NodeMcpAdapter,
  type NodeRequestListener,
  nodeListenerDispatch,
} from '@backend2mcp/core/node';
import { probeBodyParsers } from './extract/body-parsers.js';
import { bodyParsersOf, extractRoutes } from './extract/extract-routes.js';
import type { KoaAppLike } from './extract/koa-internals.js';
import { guardKoaRoutes, koaReaches } from './route-boundary.js';

/** Options for {@link McpAdapter}. */
export interface McpAdapterOptions extends BackendMcpOptions {}

/** Options for {@link McpAdapter.mount}. */
export interface MountOptions extends NodeEndpointOptions {
  /**
   * Where the endpoint goes in the app's middleware chain. `first` (default)
   * puts it before every other middleware, so a catch-all 404 or an app-wide
   * auth middleware cannot swallow MCP traffic; `last` appends it like a
   * plain `app.use`, so the app's global middleware (CORS, logging, auth) runs first.
   */
  position?: 'first' | 'last';
}

/** The slice of a Koa context the mounted endpoint uses. */
interface KoaContextLike {
  path: string;
  req: IncomingMessage;
  res: ServerResponse;
  respond?: boolean;
  request: { body?: unknown };
  state: Record<string, unknown>;
}

/**
 * Serves every `@koa/router` route of a Koa app as an MCP tool. Calls run in
 * process through `app.callback()`, so body parsers, auth and error
 * middleware run as for HTTP requests, on a real `IncomingMessage`/`ServerResponse`
 * pair with no socket. A handler sees the call as `ctx.req.mcp` (or {@link mcpContext}).
 *
 * @example
 * ```ts
 * import Koa from 'koa';
 * import Router from '@koa/router';
 * import { McpAdapter, mcp } from '@backend2mcp/koa';
 *
 * const app = new Koa();
 * const router = new Router();
 * router.get('/users/:id', mcp({ description: 'Fetch a user' }), (ctx) => { ctx.body = { id: ctx.params.id }; });
 * app.use(router.routes()).use(router.allowedMethods());
 *
 * new McpAdapter(app).serve(); // or .listen({ port: 3001 }) / .mount('/mcp')
 * ```
 */
export class McpAdapter extends NodeMcpAdapter implements McpServerAdapter<MountOptions> {
  constructor(
    private readonly app: KoaAppLike,
    options: McpAdapterOptions = {},
  ) {
    super(
      {
        extractRoutes: () => {
          guardKoaRoutes(app); // the route boundary's check at the route
          return extractRoutes(app);
        },
        // Parsers keep their options in closures: ask each one what it reads before routes are read.
        prepare: () => probeBodyParsers(app, bodyParsersOf(app)),
        // callback() composes app.middleware by reference, so middleware added later still runs.
        dispatch: nodeListenerDispatch(
          () => app.callback() as unknown as NodeRequestListener,
          exposeAsReqMcp,
        ),
        reaches: (method, url, route) => koaReaches(app, method, url, route),
      },
      options,
    );
    // Koa creates ctx.state per request, after dispatch has handed over the request, so a
    // first middleware copies the call's context there; it does nothing for ordinary requests.
    // Added once per app, however many adapters are created over it.
    if (!app.middleware.includes(exposeMcpState as never)) app.middleware.unshift(exposeMcpState as never);
  }

  /**
   * Mounts the MCP endpoint inside the Koa app at `path`, so `app.listen()`
   * serves the API and MCP together.
   */
  mount(path = '/mcp', options: MountOptions = {}): this {
    const { position = 'first', ...endpointOptions } = options;
    const add = (middleware: (ctx: KoaContextLike, next: () => Promise<unknown>) => Promise<unknown>) => {
      if (position === 'first') this.app.middleware.unshift(middleware as never);
      else this.app.middleware.push(middleware as never);
    };
    mountMcpRoutes(this.server, path, {
      endpoint: (endpointPath) => {
        const parsedBodies = new WeakMap<IncomingMessage, unknown>();
        const endpoint = createNodeEndpoint(this.server, {
          parsedBody: (req) => parsedBodies.get(req),
          ...endpointOptions,
        });
        add(async (ctx, next) => {
          if (ctx.path !== endpointPath) return next();
          // A body parser placed before the endpoint consumed the stream; hand its result over.
          if (ctx.req.readableEnded) parsedBodies.set(ctx.req, ctx.request.body);
          await serveRaw(ctx, endpoint);
        });
      },
      wellKnown: (documentPaths) => {
        const wellKnown = createWellKnownEndpoint(this.server);
        add(async (ctx, next) => {
          if (!documentPaths.includes(ctx.path)) return next();
          await serveRaw(ctx, wellKnown);
        });
      },
    });
    return this;
  }
}

/**
 * What a route sees for an MCP tool call (`ctx.state.mcp`): the tool, its
 * arguments, the caller (`auth`, also `ctx.state.mcpAuth`), and
 * `reportProgress`/`log` to talk back to the caller.
 */
export interface McpRequestInfo extends DispatchContext {}

/** The MCP call a Koa context serves, or undefined for ordinary HTTP requests. */
export function mcpContext(ctx: { req: IncomingMessage }): McpRequestInfo | undefined {
  return callContextOf(ctx.req);
}

/**
 * The caller of the MCP tool call a Koa context serves, as the configured
 * auth providers established it (the same as `ctx.state.mcpAuth`).
 */
export function getAuthContext(ctx: { req: IncomingMessage }): AuthContext | undefined {
  return mcpContext(ctx)?.auth;
}

async function exposeMcpState(ctx: KoaContextLike, next: () => Promise<unknown>): Promise<unknown> {
  const call = mcpContext(ctx);
  if (call) {
    ctx.state.mcp = call;
    if (call.auth) ctx.state.mcpAuth = call.auth;
  }
  return next();
}

/** Hands the raw request and response to a Node handler that writes the response itself. */
async function serveRaw(ctx: KoaContextLike, handler: NodeEndpoint): Promise<void> {
  ctx.respond = false;
  await new Promise<void>((resolve, reject) => {
    ctx.res.once('close', resolve);
    handler(ctx.req, ctx.res, (error) => (error ? reject(error) : resolve()));
  });
}

/** Keeps `ctx.req.mcp` working for handlers written against it. */
function exposeAsReqMcp(req: IncomingMessage, context: DispatchContext): void {
  Object.defineProperty(req, 'mcp', { value: context, enumerable: true });
}
