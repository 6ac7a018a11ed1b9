/**
 * The Hono internals this adapter relies on, typed in one place: Hono's own
 * types carry generics for env, schema and base path that an adapter taking
 * any app cannot name, and the router's match result is not typed for outside
 * use at all. Each names the source it mirrors; when Hono changes one of
 * them, this file and its tests are where it shows. Only `HonoAppLike` is
 * exported from the package (as the type `McpAdapter` accepts).
 */
import type { OpenApiDocument } from '@backend2mcp/core/adapter';

/**
 * What backend2mcp reads of a Hono app: its flat route table (`app.routes`,
 * full paths with `basePath()` and `app.route()` applied) and `fetch`.
 * https://github.com/honojs/hono/blob/main/src/hono-base.ts (`routes`, `fetch`)
 */
export interface HonoAppLike {
  routes: Array<{ method: string; path: string; handler: (...args: never[]) => unknown }>;
  fetch(request: Request, env?: unknown, executionCtx?: unknown): Response | Promise<Response>;
}

/** The slice of a Hono context the endpoint reads. https://github.com/honojs/hono/blob/main/src/context.ts */
export interface HonoContextLike {
  req: { raw: Request };
}

/**
 * What `mount()` adds routes with, and the OpenAPI document `@hono/zod-openapi`
 * apps describe themselves with.
 * https://github.com/honojs/hono/blob/main/src/hono-base.ts (`all`),
 * https://github.com/honojs/middleware/blob/main/packages/zod-openapi/src/index.ts (`getOpenAPI31Document`)
 */
export interface HonoMountable extends HonoAppLike {
  all(path: string, handler: (c: HonoContextLike) => Promise<Response>): unknown;
  getOpenAPI31Document?: (config: {
    openapi: string;
    info: { title: string; version: string };
  }) => OpenApiDocument;
}

/**
 * The route-table entry the router stores beside each handler.
 * https://github.com/honojs/hono/blob/main/src/hono-base.ts (`#addRoute` stores `[handler, routerRoute]`)
 */
export interface RouterRoute {
  method: string;
  path: string;
}

/**
 * What the route boundary reads of a Hono app: the router's match (handlers
 * with their route entries first) and the path Hono routes by.
 * https://github.com/honojs/hono/blob/main/src/router.ts (`Result`),
 * https://github.com/honojs/hono/blob/main/src/hono-base.ts (`router`, `getPath`, `#dispatch`)
 */
export interface RoutableHono {
  router: { match(method: string, path: string): [Array<[[unknown, RouterRoute], unknown]>, ...unknown[]] };
  getPath(request: Request, options: { env: unknown }): string;
  fetch(request: Request, env?: unknown, executionCtx?: unknown): Response | Promise<Response>;
}
