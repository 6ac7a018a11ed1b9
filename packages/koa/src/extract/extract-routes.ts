import {
  type ExtractedRoutes,
  type HttpMethod,
  type RouteInfo,
  readRouteMeta,
  type SkippedRoute,
} from '@backend2mcp/core';
import {
  CATCH_ALL_METHODS,
  isMcpEndpoint,
  isToolMethod,
  mergeRouteMeta,
  regexPathSkipped,
} from '@backend2mcp/core/adapter';
import { type KoaAppLike, type KoaLayer, mountedRouters } from './koa-internals.js';

/** `router.all()` registers every method Node knows; this many means "all". */
const ALL_THRESHOLD = 20;

/**
 * Reads every route of every `@koa/router` mounted on a Koa app, with full
 * path templates (router prefixes and nested routers included). Router-level
 * middleware (`router.use`) is not a route; the HEAD that @koa/router adds to
 * every GET is not a separate tool; RegExp routes are reported in `skipped`.
 */
export function extractRoutes(app: KoaAppLike): ExtractedRoutes {
  const routes: RouteInfo[] = [];
  const skipped: SkippedRoute[] = [];
  const seen = new Set<string>();
  mountedRouters(app).forEach((router, index) => {
    const source = `router #${index + 1}`;
    for (const layer of router.stack) {
      if (layer.methods.length === 0 || layer.stack.some(isMcpEndpoint)) continue;
      if (typeof layer.path !== 'string' || layer.opts?.pathAsRegExp) {
        skipped.push(regexPathSkipped(`${layer.methods.join(',')} ${String(layer.path)}`));
        continue;
      }
      const meta = mergeRouteMeta(layer.stack.map(readRouteMeta).filter((entry) => entry !== undefined));
      for (const method of exposedMethods(layer)) {
        const key = `${method} ${layer.path}`;
        // Koa runs the first matching layer's chain first; later duplicates are not what a caller reaches.
        if (seen.has(key)) continue;
        seen.add(key);
        routes.push({ method, path: layer.path, ...(meta ? { meta } : {}), source });
      }
    }
  });
  return { routes, skipped };
}

function exposedMethods(layer: KoaLayer): HttpMethod[] {
  const methods = new Set(layer.methods.map((method) => method.toUpperCase()));
  if (methods.size >= ALL_THRESHOLD) return [...CATCH_ALL_METHODS];
  // @koa/router adds HEAD to every GET route; only an explicit `router.head()` is a HEAD tool.
  if (methods.has('GET')) methods.delete('HEAD');
  return [...methods].filter(isToolMethod);
}
