import { attachRouteMeta, type McpRouteMeta } from '@backend2mcp/core';

/** The middleware `mcp()` returns: it only calls `next()`. */
export type McpRouteMarker = (req: unknown, res: unknown, next: (error?: unknown) => void) => void;

/**
 * Attaches MCP overrides to a route: put it among the route's handlers. It does
 * nothing at request time (it just calls `next()`).
 *
 * @example
 * ```ts
 * app.get('/users/:id', mcp({ description: 'Fetch one user', title: 'Get user' }), handler);
 * app.post('/users', mcp({ schemas: { body: { type: 'object', properties: { name: { type: 'string' } } } } }), handler);
 * app.get('/internal/health', mcp({ hidden: true }), handler);
 * ```
 */
export function mcp(meta: McpRouteMeta): McpRouteMarker {
  return attachRouteMeta<McpRouteMarker>((_req, _res, next) => next(), meta);
}
