import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The few Koa / @koa/router internals route extraction reads; neither package
 * types them. `router.routes()` returns a middleware carrying its router, and
 * every router layer already holds its full path (prefixes and nested
 * `router.use('/x', child.routes())` are applied when layers are cloned).
 */

/** A Koa middleware function. */
export type KoaMiddleware = (...args: never[]) => unknown;

export interface KoaLayer {
  /** Full path (path-to-regexp v8 syntax in @koa/router 14-15, 6.x in 13, 1.x in koa-router 7), or a RegExp. */
  path: string | RegExp;
  /** Upper-case methods; empty for middleware added with `router.use()`. */
  methods: string[];
  /** The layer's middleware chain, the route handler last. */
  stack: KoaMiddleware[];
  opts?: { pathAsRegExp?: boolean };
  /** True when the layer matches a request path (router middleware is matched this way). */
  match?(path: string): boolean;
}

export interface KoaRouterLike {
  stack: KoaLayer[];
}

/** What backend2mcp needs of a Koa application. */
export interface KoaAppLike {
  middleware: Array<KoaMiddleware & { router?: KoaRouterLike }>;
  callback(): (req: never, res: never) => unknown;
  /** Koa 2 and 3: a context for a request, as `callback()` makes one. */
  createContext?(req: IncomingMessage, res: ServerResponse): unknown;
}

/** The routers whose `routes()` middleware is mounted on the app, in order. */
export function mountedRouters(app: KoaAppLike): KoaRouterLike[] {
  return mountedRoutersWithMiddleware(app).map(({ router }) => router);
}

/** Each mounted router with the app middleware that runs before its `routes()`. */
export function mountedRoutersWithMiddleware(
  app: KoaAppLike,
): Array<{ router: KoaRouterLike; before: KoaMiddleware[] }> {
  const found: Array<{ router: KoaRouterLike; before: KoaMiddleware[] }> = [];
  app.middleware.forEach((middleware, index) => {
    const router = middleware.router;
    if (Array.isArray(router?.stack)) found.push({ router, before: app.middleware.slice(0, index) });
  });
  return found;
}
