/**
 * The few Express internals route extraction reads. Express's own typings do
 * not describe them, and they differ between Express 4 (`app._router`, path-to-regexp 0.1)
 * and Express 5 (`app.router`, the `router` package 2.x, path-to-regexp 8).
 */

/** A path as given to `app.get()` / `app.use()`: a string, a regex, or an array of those. */
export type PathSpec = string | RegExp | PathSpec[];

/** Set by instrumentation on a layer added with `use()`: the path it was mounted at. */
export const MOUNT_PATH = Symbol.for('backend2mcp.mountPath');
/** Set by instrumentation on the layer `app.use(path, subApp)` adds: the sub-app itself. */
export const SUB_APP = Symbol.for('backend2mcp.subApp');

export interface ExpressRoute {
  path: PathSpec;
  methods: Record<string, boolean | undefined>;
  stack: ExpressLayer[];
}

export interface ExpressLayer {
  name?: string;
  handle: ((...args: never[]) => unknown) & { stack?: ExpressLayer[] };
  route?: ExpressRoute;
  /** router >= 2.3 (Express 5.x lockfiles from 2025 on): the path given to `use()`/`route()`. */
  rawPath?: PathSpec;
  /** router 2.x: true for a `use()` at `/`. */
  slash?: boolean;
  /** Express 4: `regexp.fast_slash` is true for a `use()` at `/`. */
  regexp?: RegExp & { fast_slash?: boolean };
  method?: string;
  [MOUNT_PATH]?: PathSpec;
  [SUB_APP]?: ExpressAppLike;
}

/** What backend2mcp needs of an Express application (4 or 5). */
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

/** The app's root router stack, or an empty one when no route was ever added. */
export function appStack(app: ExpressAppLike): ExpressLayer[] {
  const candidate = app as unknown as {
    _router?: { stack: ExpressLayer[] };
    router?: { stack: ExpressLayer[] };
  };
  // Express 4 throws on `app.router`; its router is `app._router`, created on first use.
  if (isExpress4(app)) return candidate._router?.stack ?? [];
  return candidate.router?.stack ?? [];
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
