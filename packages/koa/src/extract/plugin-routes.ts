import type { PluginRouteIdiom, PluginRouteKind } from '@backend2mcp/core/adapter';
import type { KoaMiddleware } from './koa-internals.js';

/** The Koa words in the reasons every adapter shares. */
export const KOA_IDIOM: PluginRouteIdiom = { override: 'an mcp() marker' };

/** Plugin middleware that serves pages or files, by its function's name. */
const PLUGIN_MIDDLEWARE: Readonly<Record<string, { kind: 'swagger-ui' | 'static-files'; plugin: string }>> = {
  // koa2-swagger-ui 5
  koaSwaggerUi: { kind: 'swagger-ui', plugin: 'koa2-swagger-ui' },
  // koa-static 4 and 5 (`async function serve(ctx, next)`)
  serve: { kind: 'static-files', plugin: 'koa-static' },
};

/** What plugin middleware a function is, when it is one this adapter knows. */
export function pluginMiddlewareOf(
  middleware: KoaMiddleware,
): { kind: 'swagger-ui' | 'static-files'; plugin: string } | undefined {
  return PLUGIN_MIDDLEWARE[middleware.name];
}

/**
 * Why one method of a router layer is plumbing rather than API, or undefined:
 * CORS preflight (`router.options(path, cors())`), a HEAD route the app
 * declares itself, and routes whose chain is koa2-swagger-ui or koa-static
 * (`router.get('/docs', koaSwagger({ routePrefix: false }))`).
 */
export function pluginRouteKind(
  method: string,
  stack: readonly KoaMiddleware[],
): { kind: PluginRouteKind; example?: string } | undefined {
  if (method === 'OPTIONS')
    return { kind: 'cors-preflight', example: 'router.options(path, cors()) with @koa/cors' };
  if (method === 'HEAD') return { kind: 'head' };
  for (const middleware of stack) {
    const plugin = pluginMiddlewareOf(middleware);
    if (plugin) return { kind: plugin.kind, example: plugin.plugin };
  }
  return undefined;
}
