import type { PluginRouteIdiom, PluginRouteKind } from '@backend2mcp/core/adapter';
import type { ExpressLayer, ExpressRoute } from './express-internals.js';

/** The Express words in the reasons every adapter shares. */
export const EXPRESS_IDIOM: PluginRouteIdiom = { override: 'an mcp() marker' };

/** Plugin middleware that serves pages or files, by its function's name, and the package it comes from. */
const PLUGIN_MIDDLEWARE: Readonly<Record<string, { kind: 'swagger-ui' | 'static-files'; plugin: string }>> = {
  // swagger-ui-express's `serve` is [swaggerInitFn, express.static(<swagger-ui-dist>)].
  swaggerInitFn: { kind: 'swagger-ui', plugin: 'swagger-ui-express' },
  // serve-static 1 and 2, what express.static() returns.
  serveStatic: { kind: 'static-files', plugin: 'express.static' },
};

/** What plugin middleware a layer is, when it is one this adapter knows. */
export function pluginMiddlewareOf(
  layer: ExpressLayer,
): { kind: 'swagger-ui' | 'static-files'; plugin: string } | undefined {
  return PLUGIN_MIDDLEWARE[layer.name ?? layer.handle.name ?? ''];
}

/**
 * Why one method of a route is plumbing rather than API, or undefined:
 * `express.static()` as the route's handler, a GET at the path where
 * swagger-ui-express serves its page (`app.get('/docs', swaggerUi.setup(doc))`
 * beside `app.use('/docs', swaggerUi.serve)`), CORS preflight (`app.options('*', cors())`)
 * and HEAD routes the app declares itself. `swaggerMounts` are the templates
 * swagger-ui-express's middleware is mounted at.
 */
export function pluginRouteKind(
  method: string,
  template: string,
  route: ExpressRoute,
  swaggerMounts: ReadonlySet<string>,
): { kind: PluginRouteKind; example?: string } | undefined {
  if (method === 'OPTIONS') return { kind: 'cors-preflight', example: "app.options('*', cors())" };
  if (method === 'HEAD') return { kind: 'head' };
  const kinds = new Set(route.stack.map((layer) => pluginMiddlewareOf(layer)?.kind));
  // swagger-ui-express's `serve` holds express.static too: the page is what the route is.
  if (kinds.has('swagger-ui') || (method === 'GET' && swaggerMounts.has(template))) {
    return { kind: 'swagger-ui', example: 'swagger-ui-express' };
  }
  if (kinds.has('static-files')) return { kind: 'static-files', example: 'express.static' };
  return undefined;
}
