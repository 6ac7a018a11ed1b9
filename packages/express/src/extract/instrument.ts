import {
  appStack,
  type ExpressAppLike,
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
 * Makes every router layer remember the path it was mounted at, and every
 * `app.use(path, subApp)` layer remember its sub-app, so extraction can rebuild
 * full route templates. Express keeps neither (Express 4 and router < 2.3 keep no
 * mount path; no version keeps the sub-app reachable). The same idea as
 * OpenTelemetry's express instrumentation.
 *
 * Only layers added after this call are tagged; call it before the app is built,
 * which importing `@backend2mcp/express` (or preloading its `register` entry) does.
 * Idempotent. Returns true when the module could be instrumented.
 */
export function instrumentExpress(express: ExpressModuleLike): boolean {
  const routerProto = routerPrototype(express.Router);
  const application = express.application as Patchable | undefined;
  if (!routerProto || typeof application?.use !== 'function') return false;
  patchUse(routerProto, tagMountPath);
  patchUse(application, tagSubApps);
  return true;
}

/** Express 5: `Router.prototype.use` (the `router` package). Express 4: `Router.use` (the proto object). */
function routerPrototype(Router: unknown): Patchable | undefined {
  const ctor = Router as { prototype?: Patchable; use?: UseFunction } | undefined;
  if (typeof ctor?.prototype?.use === 'function') return ctor.prototype;
  if (typeof ctor?.use === 'function') return ctor as Patchable;
  return undefined;
}

function patchUse(
  target: Patchable,
  tag: (layers: ExpressLayer[], args: unknown[], self: unknown) => void,
): void {
  if (target[INSTRUMENTED]) return;
  const original = target.use;
  target.use = function instrumentedUse(this: unknown, ...args: unknown[]) {
    const stack = () => layersOf(this);
    const before = stack()?.length ?? 0;
    const result = original.apply(this, args);
    const added = stack()?.slice(before) ?? [];
    if (added.length > 0) tag(added, args, this);
    return result;
  };
  Object.defineProperty(target, INSTRUMENTED, { value: true });
}

function layersOf(routerOrApp: unknown): ExpressLayer[] | undefined {
  if (isExpressApp(routerOrApp)) return appStack(routerOrApp);
  return (routerOrApp as { stack?: ExpressLayer[] }).stack;
}

function tagMountPath(layers: ExpressLayer[], args: unknown[]): void {
  const path = mountPathOf(args);
  for (const layer of layers) layer[MOUNT_PATH] ??= path as PathSpec;
}

function tagSubApps(layers: ExpressLayer[], args: unknown[]): void {
  const subApps = handlersOf(args).filter(isExpressApp);
  // app.use() adds one layer per handler, in order; the sub-app layers are the `mounted_app` ones.
  const mounted = layers.filter((layer) => layer.name === 'mounted_app');
  mounted.forEach((layer, index) => {
    const subApp = subApps[index];
    if (subApp) layer[SUB_APP] = subApp as ExpressAppLike;
  });
}

/** `use([path], ...handlers)`: the path argument is optional and may be an array; handlers may be nested arrays. */
function mountPathOf(args: unknown[]): unknown {
  return hasPathArgument(args) ? args[0] : '/';
}

function handlersOf(args: unknown[]): unknown[] {
  return args.slice(hasPathArgument(args) ? 1 : 0).flat(Number.POSITIVE_INFINITY);
}

function hasPathArgument(args: unknown[]): boolean {
  let first = args[0];
  while (Array.isArray(first) && first.length > 0) first = first[0];
  return typeof first !== 'function';
}
