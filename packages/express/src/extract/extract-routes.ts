import {
  type ExtractedRoutes,
  type HttpMethod,
  isMcpEndpoint,
  type McpRouteMeta,
  mergeRouteMeta,
  type RouteInfo,
  readRouteMeta,
  type SkippedRoute,
} from '@backend2mcp/core';
import {
  appStack,
  type ExpressAppLike,
  type ExpressLayer,
  type ExpressRoute,
  isExpress4,
  MOUNT_PATH,
  type PathSpec,
  SUB_APP,
} from './express-internals.js';
import { flattenPathSpec, joinPaths, translateExpress4Path } from './path-syntax.js';

/** Methods `app.all()` stands for as tools: the ones an API client uses. */
const ALL_METHODS: HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const EXPOSED_METHODS = new Set<string>(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
/** Express 5's `app.all()` registers every method Node knows; this many means "all". */
const ALL_THRESHOLD = 20;

interface Walk {
  express4: boolean;
  routes: RouteInfo[];
  skipped: SkippedRoute[];
  seen: Set<string>;
}

/**
 * Reads every route of an Express app (4 or 5) with its full path template,
 * following routers and sub-apps mounted at any depth. Routes whose path
 * cannot be known exactly (regex paths, mounts made before instrumentation
 * on an Express without `rawPath`) are reported in `skipped` with the reason,
 * never guessed.
 */
export function extractRoutes(app: ExpressAppLike): ExtractedRoutes {
  const walk: Walk = { express4: isExpress4(app), routes: [], skipped: [], seen: new Set() };
  walkStack(appStack(app), [''], 'app', walk);
  return { routes: walk.routes, skipped: walk.skipped };
}

function walkStack(stack: ExpressLayer[], prefixes: string[], source: string, walk: Walk): void {
  for (const layer of stack) {
    if (isMcpEndpoint(layer.handle)) continue;
    if (layer.route) {
      addRoute(layer.route, prefixes, source, walk);
      continue;
    }
    const children = childStack(layer, walk);
    if (!children) continue;
    const mountSpec = mountPathOf(layer);
    if (mountSpec === undefined) {
      walk.skipped.push({
        route: `${layer.name === 'mounted_app' ? 'sub-app' : 'router'} in ${source}`,
        reason:
          'its mount path was not recorded because it was mounted before backend2mcp was loaded; ' +
          'import @backend2mcp/express before building the app, or run with `node --import @backend2mcp/express/register`',
      });
      continue;
    }
    const mounts = translatePaths(mountSpec, walk, `mount in ${source}`);
    const nested = prefixes.flatMap((prefix) => mounts.map((mount) => joinPaths(prefix, mount.template)));
    walkStack(
      children,
      nested,
      `${layer.name === 'mounted_app' ? 'sub-app' : 'router'} mounted at ${nested.join(', ')}`,
      walk,
    );
  }
}

function childStack(layer: ExpressLayer, walk: Walk): ExpressLayer[] | undefined {
  const subApp = layer[SUB_APP];
  if (subApp) return appStack(subApp);
  if (Array.isArray(layer.handle?.stack)) return layer.handle.stack;
  if (layer.name === 'mounted_app') {
    walk.skipped.push({
      route: `sub-app${typeof layer.rawPath === 'string' ? ` at ${layer.rawPath}` : ''}`,
      reason:
        'Express does not keep mounted sub-apps reachable; import @backend2mcp/express before building the app, ' +
        'or run with `node --import @backend2mcp/express/register`',
    });
  }
  return undefined;
}

/** Instrumentation's tag, else router 2.3's `rawPath`, else `/` when the layer says so. */
function mountPathOf(layer: ExpressLayer): PathSpec | undefined {
  const tagged = layer[MOUNT_PATH];
  if (tagged !== undefined) return tagged;
  if (layer.rawPath !== undefined) return layer.rawPath;
  if (layer.slash === true || layer.regexp?.fast_slash === true) return '/';
  return undefined;
}

function translatePaths(
  spec: PathSpec,
  walk: Walk,
  origin: string,
): Array<{ template: string; paramPatterns?: Record<string, string> }> {
  const out: Array<{ template: string; paramPatterns?: Record<string, string> }> = [];
  for (const path of flattenPathSpec(spec)) {
    if (path instanceof RegExp) {
      walk.skipped.push({
        route: `${origin}: ${String(path)}`,
        reason: 'regular-expression paths have no route template',
      });
      continue;
    }
    if (!walk.express4) {
      out.push({ template: path });
      continue;
    }
    const translated = translateExpress4Path(path);
    if (translated.ok) out.push(translated);
    else walk.skipped.push({ route: `${origin}: ${path}`, reason: translated.reason });
  }
  return out;
}

function addRoute(route: ExpressRoute, prefixes: string[], source: string, walk: Walk): void {
  const methods = routeMethods(route);
  const meta = mergeRouteMeta(route.stack.map((layer) => readRouteMeta(layer.handle)).filter(isMeta));
  for (const path of translatePaths(route.path, walk, `route in ${source}`)) {
    for (const prefix of prefixes) {
      const template = joinPaths(prefix, path.template);
      for (const method of methods.exposed) {
        const key = `${method} ${template}`;
        // Express dispatches to the first matching route, so the first one registered is the tool.
        if (walk.seen.has(key)) continue;
        walk.seen.add(key);
        walk.routes.push({
          method,
          path: template,
          ...(path.paramPatterns ? { paramPatterns: path.paramPatterns } : {}),
          ...(meta ? { meta } : {}),
          source,
        });
      }
      for (const method of methods.unexposed) {
        walk.skipped.push({
          route: `${method} ${template}`,
          reason: `the ${method} method is not exposed as a tool`,
        });
      }
    }
  }
}

function routeMethods(route: ExpressRoute): { exposed: HttpMethod[]; unexposed: string[] } {
  const declared = Object.keys(route.methods).filter((method) => route.methods[method]);
  if (declared.includes('_all') || declared.length >= ALL_THRESHOLD)
    return { exposed: ALL_METHODS, unexposed: [] };
  const upper = declared.map((method) => method.toUpperCase());
  return {
    exposed: upper.filter((method): method is HttpMethod => EXPOSED_METHODS.has(method)),
    unexposed: upper.filter((method) => !EXPOSED_METHODS.has(method)),
  };
}

function isMeta(meta: McpRouteMeta | undefined): meta is McpRouteMeta {
  return meta !== undefined;
}
