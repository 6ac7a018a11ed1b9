/**
 * The few Express internals route extraction reads. Express's own typings do
 * not describe them, and they differ between Express 4 (`app._router`, layers
 * compiled by path-to-regexp 0.1) and Express 5 (`app.router`, the `router`
 * package 2.x, path-to-regexp 8).
 */

/** A path as given to `app.get()` / `app.use()`: a string, a regex, or an array of those. */
export type PathSpec = string | RegExp | PathSpec[];

/** Set by instrumentation on every layer `use()` adds: the path it was registered with. */
export const MOUNT_PATH = Symbol.for('backend2mcp.mountPath');
/** Set by instrumentation on the layer `app.use(path, subApp)` adds: the sub-app itself. */
export const SUB_APP = Symbol.for('backend2mcp.subApp');

/** A route created by `app.route()` / `app.get()` and friends. Express 4 and 5 keep its path as given. */
export interface ExpressRoute {
  path: PathSpec;
  /** Lower-case method names, plus `_all` for `route.all()`. */
  methods: Record<string, boolean | undefined>;
  stack: ExpressLayer[];
}

/** One entry of a router's stack: a route, a mounted router or sub-app, or plain middleware. */
export interface ExpressLayer {
  name?: string;
  handle: ((...args: never[]) => unknown) & { stack?: ExpressLayer[] };
  route?: ExpressRoute;
  /** router >= 2.3 (Express 5): the path given to `use()` / `route()`, arrays flattened. */
  rawPath?: PathSpec;
  /** router 2.x (Express 5): true for a `use()` at `/`. */
  slash?: boolean;
  /** Express 4 only: the compiled path; `fast_slash` is true for a `use()` at `/`. */
  regexp?: RegExp & { fast_slash?: boolean };
  [MOUNT_PATH]?: PathSpec;
  [SUB_APP]?: ExpressAppLike;
}

/** What backend2mcp needs of an Express application (4 or 5), or of a bare `express.Router()`. */
export interface ExpressAppLike {
  (req: never, res: never, next?: never): unknown;
  use: (...args: never[]) => unknown;
  /** Express 4 only. */
  lazyrouter?: () => void;
}

/** Express 4 apps have `lazyrouter()`; Express 5 apps do not. */
export function isExpress4(app: ExpressAppLike): boolean {
  return typeof app.lazyrouter === 'function';
}

/**
 * The root stack of an app (or of a bare router), or an empty one when the app
 * has no router yet.
 */
export function appStack(app: ExpressAppLike): ExpressLayer[] {
  const candidate = app as unknown as {
    stack?: ExpressLayer[];
    _router?: { stack: ExpressLayer[] };
    router?: { stack: ExpressLayer[] };
  };
  if (Array.isArray(candidate.stack)) return candidate.stack;
  // Express 4 throws on `app.router`; its router is `app._router`, created on first use.
  if (isExpress4(app)) return candidate._router?.stack ?? [];
  return candidate.router?.stack ?? [];
}

/**
 * True when the layer was compiled by Express 4's path-to-regexp 0.1, whose
 * syntax (`:id?`, `*`, `:id(\\d+)`) must be translated. Decided per layer, so
 * a router from another copy of Express is read in its own syntax.
 */
export function usesExpress4Syntax(layer: ExpressLayer): boolean {
  return layer.regexp instanceof RegExp;
}

/** True for an Express application (as opposed to a router or a plain middleware). */
export function isExpressApp(value: unknown): value is ExpressAppLike {
  const app = value as { handle?: unknown; set?: unknown; use?: unknown } | null;
  return (
    typeof value === 'function' &&
    typeof app?.handle === 'function' &&
    typeof app?.set === 'function' &&
    typeof app?.use === 'function'
  );
}
