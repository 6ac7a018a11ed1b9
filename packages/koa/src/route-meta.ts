import type { McpRouteMeta } from '@backend2mcp/core';
import { attachRouteMeta } from '@backend2mcp/core/adapter';

/** The Koa middleware `mcp()` returns: it only calls `next()`. */
export type McpRouteMarker = (ctx: unknown, next: () => Promise<unknown>) => Promise<unknown>;

/**
 * Attaches MCP overrides to a route: put it among the route's middleware. It
 * does nothing at request time (it just calls `next()`).
 *
 * @example
 * ```ts
 * router.get('/users/:id', mcp({ description: 'Fetch one user' }), (ctx) => { ctx.body = ... });
 * router.get('/internal/health', mcp({ hidden: true }), health);
 * ```
 */
export function mcp(meta: McpRouteMeta): McpRouteMarker {
  return attachRouteMeta<McpRouteMarker>((_ctx, next) => next(), meta);
}
