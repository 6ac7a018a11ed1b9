import type { McpRouteMeta } from '@backend2mcp/core';
import { attachRouteMeta } from '@backend2mcp/core/adapter';

/** The Hono middleware `mcp()` returns: it only calls `next()`. */
export type McpRouteMarker = (c: unknown, next: () => Promise<void>) => Promise<void>;

/**
 * Attaches MCP overrides to a route: put it among the route's handlers. It
 * does nothing at request time (it just calls `next()`).
 *
 * @example
 * ```ts
 * app.get('/users/:id', mcp({ description: 'Fetch one user' }), (c) => c.json({ id: c.req.param('id') }));
 * ```
 */
export function mcp(meta: McpRouteMeta): McpRouteMarker {
  return attachRouteMeta<McpRouteMarker>((_c, next) => next(), meta);
}
