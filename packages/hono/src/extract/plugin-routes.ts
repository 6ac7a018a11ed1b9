import type { PluginRouteIdiom, PluginRouteKind } from '@backend2mcp/core/adapter';

/** The Hono words in the reasons every adapter shares. */
export const HONO_IDIOM: PluginRouteIdiom = { override: 'an mcp() marker' };

type Handler = (...args: never[]) => unknown;

/**
 * Handlers that plugins return, told apart by what their source reads: Hono's
 * plugin handlers are anonymous arrow functions, so no name is left to go by.
 * Each mark is a documented option or method name (property names survive
 * bundling and minifying) or, for Swagger UI, the page title it writes.
 */
const PLUGIN_MARKS: ReadonlyArray<{ kind: PluginRouteKind; plugin: string; marks: readonly string[] }> = [
  // serveStatic of hono (Bun, Deno, Workers) and @hono/node-server: options.rewriteRequestPath
  { kind: 'static-files', plugin: 'serveStatic', marks: ['rewriteRequestPath'] },
  // @hono/swagger-ui: swaggerUI({ url }) writes a page titled "SwaggerUI"
  { kind: 'swagger-ui', plugin: '@hono/swagger-ui', marks: ['SwaggerUI'] },
  // @hono/zod-openapi app.doc() / app.doc31(), hono-openapi openAPIRouteHandler()
  {
    kind: 'openapi-document',
    plugin: 'app.doc() or openAPIRouteHandler()',
    marks: ['getOpenAPIDocument', 'getOpenAPI31Document', 'generateSpecs'],
  },
];

/**
 * Why one method of a route is plumbing rather than API, or undefined: CORS
 * preflight (`app.options('*', ...)`), a HEAD route the app declares itself
 * (Hono answers HEAD for every GET), and routes whose handler is
 * `serveStatic()`, `swaggerUI()` or serves the app's OpenAPI document.
 */
export function pluginRouteKind(
  method: string,
  handlers: readonly Handler[],
): { kind: PluginRouteKind; example?: string } | undefined {
  if (method === 'OPTIONS') return { kind: 'cors-preflight' };
  if (method === 'HEAD') return { kind: 'head' };
  const handler = handlers.at(-1);
  if (!handler) return undefined;
  const source = Function.prototype.toString.call(handler);
  for (const { kind, plugin, marks } of PLUGIN_MARKS) {
    if (marks.some((mark) => source.includes(mark))) return { kind, example: plugin };
  }
  return undefined;
}
