import type { McpRouteMeta } from '@backend2mcp/core';

/** Where `mcp()` keeps a route's overrides on its pass-through middleware. */
export const ROUTE_META = Symbol.for('backend2mcp.routeMeta');

/** The middleware `mcp()` returns: it only calls `next()`, and carries the overrides. */
export type McpRouteMarker = ((req: unknown, res: unknown, next: (error?: unknown) => void) => void) & {
  readonly [ROUTE_META]: McpRouteMeta;
};

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
  const marker = (_req: unknown, _res: unknown, next: (error?: unknown) => void) => next();
  Object.defineProperty(marker, ROUTE_META, { value: Object.freeze({ ...meta }) });
  return marker as McpRouteMarker;
}

/** The overrides `mcp()` attached to this handler, if it is such a marker. */
export function readRouteMeta(handler: unknown): McpRouteMeta | undefined {
  if (typeof handler !== 'function') return undefined;
  return (handler as Partial<McpRouteMarker>)[ROUTE_META];
}

/** Merges several `mcp()` markers of one route, later ones winning field by field. */
export function mergeRouteMeta(metas: McpRouteMeta[]): McpRouteMeta | undefined {
  if (metas.length === 0) return undefined;
  let merged: McpRouteMeta = {};
  for (const meta of metas) {
    merged = {
      ...merged,
      ...meta,
      ...(merged.annotations || meta.annotations
        ? { annotations: { ...merged.annotations, ...meta.annotations } }
        : {}),
      ...(merged.schemas || meta.schemas ? { schemas: { ...merged.schemas, ...meta.schemas } } : {}),
      ...(merged.tags || meta.tags ? { tags: [...(merged.tags ?? []), ...(meta.tags ?? [])] } : {}),
    };
  }
  return merged;
}
