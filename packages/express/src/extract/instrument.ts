import {
  appStack,
  type ExpressLayer,
  isExpressApp,
  MOUNT_PATH,
  type PathSpec,
  SUB_APP,
} from './express-internals.js';

const INSTRUMENTED = Symbol.for('backend2mcp.expressInstrumented');

type UseFunction = (this: unknown, ...args: unknown[]) => unknown;
interface Patchable {
  use: UseFunction;
  [INSTRUMENTED]?: boolean;
}

/** The parts of the `express` module instrumentation touches (4 and 5 alike). */
export interface ExpressModuleLike {
  Router: unknown;
  application: unknown;
}

/**
 * Makes every layer `use()` adds remember the path it was registered with, and
 * every `app.use(path, subApp)` layer remember its sub-app, so extraction can
 * rebuild full route templates. Express keeps neither: Express 4 and router < 2.3
 * keep no mount path, and no version keeps a mounted sub-app reachable. The same
 * idea as OpenTelemetry's express instrumentation.
 *
 * What is patched: the router's `use` (Express 5: `Router.prototype.use` of the
 * `router` package, reached as `express.Router`, which is the very copy express
 * itself requires; Express 4: the `express.Router` proto object) and
 * `express.application.use`. `route()` is left alone: both versions keep a
 * route's path on the route itself.
 *
 * Only layers added after this call are tagged, and apps created before it keep
 * an unpatched `app.use` (express copies `application` into each app); call it
 * before the app is built, which importing `@backend2mcp/express` or preloading
 * `@backend2mcp/express/register` does. Idempotent.
 *
 * @returns true when the module looked like Express and is instrumented.
 *
 * @example
 * ```ts
 * import express from 'express';
 * instrumentExpress(express);            // before the app's routers are built
 * const app = express();
 * ```
 */
export function instrumentExpress(express: ExpressModuleLike): boolean {
  const routerProto = routerPrototype(express.Router);
  const application = express.application as Patchable | undefined;
  if (!routerProto || typeof application?.use !== 'function') return false;
  patchUse(routerProto, tagRegistrationPath);
  patchUse(application, tagSubApps);
  return true;
}

/** Express 5: `Router.prototype` (the `router` package). Express 4: `Router` is itself the proto object. */
function routerPrototype(Router: unknown): Patchable | undefined {
  const ctor = Router as { prototype?: Patchable; use?: UseFunction } | undefined;
  if (typeof ctor?.prototype?.use === 'function') return ctor.prototype;
  if (typeof ctor?.use === 'function') return ctor as Patchable;
  return undefined;
}

function patchUse(target: Patchable, tag: (layers: ExpressLayer[], args: unknown[]) => void): void {
  if (target[INSTRUMENTED]) return;
  const original = target.use;
  target.use = function instrumentedUse(this: unknown, ...args: unknown[]) {
    const before = layersOf(this)?.length ?? 0;
    const result = original.apply(this, args);
    // Express 4 creates the app's router inside the first `use()`, so read the stack again.
    const added = layersOf(this)?.slice(before) ?? [];
    if (added.length > 0) tag(added, args);
    return result;
  };
  Object.defineProperty(target, INSTRUMENTED, { value: true });
}

function layersOf(routerOrApp: unknown): ExpressLayer[] | undefined {
  if (isExpressApp(routerOrApp)) return appStack(routerOrApp);
  return (routerOrApp as { stack?: ExpressLayer[] }).stack;
}

function tagRegistrationPath(layers: ExpressLayer[], args: unknown[]): void {
  const spec = registrationPathOf(args);
  // A copy: the caller may reuse and mutate its array of paths afterwards.
  const path: PathSpec = Array.isArray(spec)
    ? ((spec as unknown[]).flat(Number.POSITIVE_INFINITY) as PathSpec[])
    : spec;
  for (const layer of layers) layer[MOUNT_PATH] ??= path;
}

function tagSubApps(layers: ExpressLayer[], args: unknown[]): void {
  const subApps = handlersOf(args).filter(isExpressApp);
  // app.use() adds one layer per handler, in order; a sub-app's layer is its `mounted_app` wrapper.
  const mounted = layers.filter((layer) => layer.name === 'mounted_app');
  mounted.forEach((layer, index) => {
    const subApp = subApps[index];
    if (subApp) layer[SUB_APP] = subApp;
  });
}

/** `use([path], ...handlers)`: the path is optional (default `/`) and may be an array. */
function registrationPathOf(args: unknown[]): PathSpec {
  return hasPathArgument(args) ? (args[0] as PathSpec) : '/';
}

function handlersOf(args: unknown[]): unknown[] {
  return args.slice(hasPathArgument(args) ? 1 : 0).flat(Number.POSITIVE_INFINITY);
}

/** The rule Express itself applies: the first argument, unwrapped from arrays, is a path unless it is a function. */
function hasPathArgument(args: unknown[]): boolean {
  let first = args[0];
  while (Array.isArray(first) && first.length > 0) first = first[0];
  return typeof first !== 'function';
}
