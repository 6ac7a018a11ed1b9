import {
  appStack,
  type ExpressLayer,
  isExpressApp,
  MOUNT_PATH,
  type PathSpec,
  SUB_APP,
} from './express-internals.js';

/** What a non-route layer leads to. */
export type LayerChild =
  | { kind: 'router' | 'sub-app'; stack: ExpressLayer[] }
  /** `app.use(path, subApp)` made before instrumentation: Express wraps the sub-app in a closure. */
  | { kind: 'unreachable sub-app' };

/** The router or sub-app a layer mounts, or undefined for plain middleware. */
export function childOf(layer: ExpressLayer): LayerChild | undefined {
  const subApp = layer[SUB_APP];
  if (subApp) return { kind: 'sub-app', stack: appStack(subApp) };
  // `router.use(path, subApp)` (a Router, not an app) pushes the app itself, unwrapped.
  if (isExpressApp(layer.handle)) return { kind: 'sub-app', stack: appStack(layer.handle) };
  if (Array.isArray(layer.handle.stack)) return { kind: 'router', stack: layer.handle.stack };
  if (layer.name === 'mounted_app') return { kind: 'unreachable sub-app' };
  return undefined;
}

/**
 * The path a router or sub-app was mounted at, only when it is known for sure:
 * the instrumentation's tag, else router 2.3's `rawPath` (the same data
 * `router.listRoutes()` reports), else `/` when the layer itself says it is a
 * root mount. Express 4 and router < 2.3 keep nothing else; their compiled
 * regexp is not read back into a path, which would be a guess.
 */
export function mountPathOf(layer: ExpressLayer): PathSpec | undefined {
  const tagged = layer[MOUNT_PATH];
  if (tagged !== undefined) return tagged;
  if (layer.rawPath !== undefined) return layer.rawPath;
  if (layer.slash === true || layer.regexp?.fast_slash === true) return '/';
  return undefined;
}
