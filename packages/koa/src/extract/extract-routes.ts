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
  pluginMiddlewareSkipped,
  pluginRouteSkipped,
  regexPathSkipped,
} from '@backend2mcp/core/adapter';
import { bodyEncodingOf, isBodyParser } from './body-parsers.js';
import {
  type KoaAppLike,
  type KoaLayer,
  type KoaMiddleware,
  type KoaRouterLike,
  mountedRoutersWithMiddleware,
} from './koa-internals.js';
import { koaPathTemplate } from './legacy-path.js';
import { KOA_IDIOM, pluginMiddlewareOf, pluginRouteKind } from './plugin-routes.js';

/** `router.all()` registers every method Node knows; this many means "all". */
const ALL_THRESHOLD = 20;

/**
 * Reads every route of every `@koa/router` mounted on a Koa app, with full
 * path templates (router prefixes and nested routers included). Router-level
 * middleware (`router.use`) is not a route; the HEAD that @koa/router adds to
 * every GET is not a separate tool; RegExp routes are reported in `skipped`.
 * Paths in the older path-to-regexp syntax (koa-router 7, @koa/router 13:
 * `/:year?`, `/:id(\\d+)`, `/(.*)`) are translated by `koaPathTemplate`.
 * CORS preflight, HEAD, koa-static and koa2-swagger-ui routes are reported in
 * `skipped` too unless the route carries an `mcp()` marker. A route whose body
 * parsers read forms and no JSON (as `probeBodyParsers` found) gets that
 * `bodyEncoding`.
 */
export function extractRoutes(app: KoaAppLike): ExtractedRoutes {
  const routes: RouteInfo[] = [];
  const skipped: SkippedRoute[] = [];
  const seen = new Set<string>();
  skipped.push(...pluginMiddlewareEntries(app.middleware));
  mountedRoutersWithMiddleware(app).forEach(({ router, before }, index) => {
    const source = `router #${index + 1}`;
    const appParsers = before.filter(isBodyParser);
    router.stack.forEach((layer, position) => {
      if (layer.methods.length === 0 || layer.stack.some(isMcpEndpoint)) return;
      if (typeof layer.path !== 'string' || layer.opts?.pathAsRegExp) {
        skipped.push(regexPathSkipped(`${layer.methods.join(',')} ${String(layer.path)}`));
        return;
      }
      const translated = koaPathTemplate(layer.path);
      if (!translated.ok) {
        skipped.push({ route: `${layer.methods.join(',')} ${layer.path}`, reason: translated.reason });
        return;
      }
      const { template, paramPatterns } = translated;
      const meta = mergeRouteMeta(layer.stack.map(readRouteMeta).filter((entry) => entry !== undefined));
      const bodyEncoding = bodyEncodingOf([
        ...appParsers,
        ...routerParsersBefore(router, position, layer.path),
        ...layer.stack.slice(0, -1).filter(isBodyParser),
      ]);
      for (const method of exposedMethods(layer)) {
        const key = `${method} ${template}`;
        // Koa runs the first matching layer's chain first; later duplicates are not what a caller reaches.
        if (seen.has(key)) continue;
        seen.add(key);
        // A route the app marked with mcp() asked to be a tool; plumbing is skipped otherwise.
        const plumbing = meta ? undefined : pluginRouteKind(method, layer.stack);
        if (plumbing) {
          skipped.push(
            pluginRouteSkipped(key, plumbing.kind, {
              ...KOA_IDIOM,
              ...(plumbing.example ? { example: plumbing.example } : {}),
            }),
          );
          continue;
        }
        routes.push({
          method,
          path: template,
          ...(paramPatterns ? { paramPatterns } : {}),
          ...(meta ? { meta } : {}),
          ...(bodyEncoding ? { bodyEncoding } : {}),
          source,
        });
      }
    });
  });
  return { routes, skipped };
}

/** Every body parser of the app: on the app, as router middleware, and on routes. */
export function bodyParsersOf(app: KoaAppLike): KoaMiddleware[] {
  const parsers = app.middleware.filter(isBodyParser);
  for (const { router } of mountedRoutersWithMiddleware(app)) {
    for (const layer of router.stack) parsers.push(...layer.stack.filter(isBodyParser));
  }
  return parsers;
}

/** Body parsers added with `router.use()` before the route, on a path that covers it. */
function routerParsersBefore(router: KoaRouterLike, position: number, path: string): KoaMiddleware[] {
  return router.stack
    .slice(0, position)
    .filter((layer) => layer.methods.length === 0 && (layer.match?.(path) ?? true))
    .flatMap((layer) => layer.stack.filter(isBodyParser));
}

/** App middleware that serves files or documentation pages, reported so `list` says why they are no tools. */
function pluginMiddlewareEntries(middleware: readonly KoaMiddleware[]): SkippedRoute[] {
  return middleware.flatMap((entry) => {
    const plugin = pluginMiddlewareOf(entry);
    if (!plugin) return [];
    const route = plugin.kind === 'static-files' ? 'GET /*' : 'GET (its routePrefix)';
    return [pluginMiddlewareSkipped(route, plugin.kind, plugin.plugin)];
  });
}

function exposedMethods(layer: KoaLayer): HttpMethod[] {
  const methods = new Set(layer.methods.map((method) => method.toUpperCase()));
  if (methods.size >= ALL_THRESHOLD) return [...CATCH_ALL_METHODS];
  // @koa/router adds HEAD to every GET route; only an explicit `router.head()` is a HEAD route.
  if (methods.has('GET')) methods.delete('HEAD');
  return [...methods].filter(isToolMethod);
}
