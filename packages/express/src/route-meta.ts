import type { McpRouteMeta } from '@backend2mcp/core';
import { attachRouteMeta } from '@backend2mcp/core/adapter';

// The marker lives in core (`Symbol.for('backend2mcp.routeMeta')`) so every adapter reads the same one.
export { readRouteMeta } from '@backend2mcp/core';

/**
 * The middleware `mcp()` returns: it only calls `next()`. Typed structurally so
 * it fits Express 4 and 5 handler lists without tying the public types to
 * `@types/express`.
 */
export type McpRouteMarker = (req: unknown, res: unknown, next: (error?: unknown) => void) => void;

/**
 * Attaches MCP overrides to a route: put it among the route's handlers. It does
 * nothing at request time (it just calls `next()`). Several `mcp()` on one route
 * are merged in order, later fields winning (`tags` are concatenated). It is
 * read on routes only: `router.use(mcp(...))` has no effect.
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
