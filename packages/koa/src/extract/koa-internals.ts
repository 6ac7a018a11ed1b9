/**
 * The few Koa / @koa/router internals route extraction reads; neither package
 * types them. `router.routes()` returns a middleware carrying its router, and
 * every router layer already holds its full path (prefixes and nested
 * `router.use('/x', child.routes())` are applied when layers are cloned).
 */

export interface KoaLayer {
  /** Full path template (path-to-regexp v8 syntax in @koa/router 15), or a RegExp. */
  path: string | RegExp;
  /** Upper-case methods; empty for middleware added with `router.use()`. */
  methods: string[];
  /** The layer's middleware chain, the route handler last. */
  stack: Array<(...args: never[]) => unknown>;
  opts?: { pathAsRegExp?: boolean };
}

export interface KoaRouterLike {
  stack: KoaLayer[];
}

/** What backend2mcp needs of a Koa application. */
export interface KoaAppLike {
  middleware: Array<((...args: never[]) => unknown) & { router?: KoaRouterLike }>;
  callback(): (req: never, res: never) => unknown;
}

/** The routers whose `routes()` middleware is mounted on the app, in order. */
export function mountedRouters(app: KoaAppLike): KoaRouterLike[] {
  return app.middleware
    .map((middleware) => middleware.router)
    .filter((router): router is KoaRouterLike => Array.isArray(router?.stack));
}
