import type { SkippedRoute } from '../route.js';

/**
 * Routes that plugins or the framework add beside an app's API (CORS
 * preflight, HEAD, documentation pages, static files) are not tools by
 * default: a model has nothing to do with them, and each one listed costs
 * context. Every adapter reports them in `skipped` with one of these reasons,
 * worded alike, so `backend2mcp list` reads the same whatever the framework.
 */

/** What a route that is not a tool by default is. */
export type PluginRouteKind = 'cors-preflight' | 'head' | 'swagger-ui' | 'openapi-document' | 'static-files';

/** How an adapter names things in the reason: an example of the plugin, and its per-route override. */
export interface PluginRouteIdiom {
  /** What adds such a route in this framework, e.g. `the OPTIONS * route of @fastify/cors`. */
  example?: string;
  /** The adapter's per-route marker that exposes the route anyway, e.g. `config.mcp` or `mcp({...})`. */
  override: string;
}

const WHAT: Record<Exclude<PluginRouteKind, 'cors-preflight' | 'head'>, string> = {
  'swagger-ui': 'a Swagger UI page',
  'openapi-document': "the app's OpenAPI document",
  'static-files': 'static files',
};

/**
 * Why a route of `kind` is not a tool. The wording is shared with the Fastify
 * adapter's reasons (`OPTIONS answers CORS preflight requests ...`).
 */
export function pluginRouteReason(kind: PluginRouteKind, idiom: PluginRouteIdiom): string {
  const expose = `give the route ${idiom.override} to expose it`;
  const example = idiom.example ? ` (e.g. ${idiom.example})` : '';
  switch (kind) {
    case 'cors-preflight':
      return `OPTIONS answers CORS preflight requests${example}, not a model; ${expose}`;
    case 'head':
      return `HEAD only asks for the headers of a GET, which the GET tool already answers; ${expose}`;
    default:
      return `it serves ${WHAT[kind]}${example}, as the routes plugins add for documentation and static files do; ${expose}`;
  }
}

/** A `skipped` entry for a route that is not a tool by default. */
export function pluginRouteSkipped(
  route: string,
  kind: PluginRouteKind,
  idiom: PluginRouteIdiom,
): SkippedRoute {
  return { route, reason: pluginRouteReason(kind, idiom) };
}

/**
 * A `skipped` entry for plugin middleware that serves requests without being a
 * route (Express `app.use('/docs', swaggerUi.serve)`, Koa `app.use(serve(dir))`):
 * there is nothing to mark, so the reason says what it serves only.
 */
export function pluginMiddlewareSkipped(
  route: string,
  kind: Exclude<PluginRouteKind, 'cors-preflight' | 'head'>,
  plugin: string,
): SkippedRoute {
  return {
    route,
    reason: `middleware serves ${WHAT[kind]} (${plugin}) here, as plugins do for documentation and static files; it is no route of the API, so no tool`,
  };
}
