import type { McpRouteMeta } from './route.js';

/**
 * Marks a middleware that is backend2mcp's own MCP endpoint (set by `createNodeEndpoint`
 * and the adapters' `mount()`); it and everything under it are never tools.
 */
export const MCP_ENDPOINT_MARK = Symbol.for('backend2mcp.mcpEndpoint');

/** True when `handler` is a mounted MCP endpoint. */
export function isMcpEndpoint(handler: unknown): boolean {
  return (
    typeof handler === 'function' &&
    (handler as { [MCP_ENDPOINT_MARK]?: boolean })[MCP_ENDPOINT_MARK] === true
  );
}

/** Where `mcp()` keeps a route's overrides on its pass-through middleware. */
export const ROUTE_META = Symbol.for('backend2mcp.routeMeta');

/**
 * Tags a framework middleware with MCP overrides, for adapters whose `mcp({...})`
 * is a pass-through middleware placed among a route's handlers (Express, Koa, Hono).
 * Returns the same function.
 */
export function attachRouteMeta<T extends (...args: never[]) => unknown>(
  middleware: T,
  meta: McpRouteMeta,
): T {
  Object.defineProperty(middleware, ROUTE_META, { value: Object.freeze({ ...meta }) });
  return middleware;
}

/** The overrides attached to this middleware with {@link attachRouteMeta}, if any. */
export function readRouteMeta(handler: unknown): McpRouteMeta | undefined {
  if (typeof handler !== 'function') return undefined;
  return (handler as { [ROUTE_META]?: McpRouteMeta })[ROUTE_META];
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
      // Several markers each requiring a scope require them all.
      ...(merged.scopes || meta.scopes ? { scopes: [...(merged.scopes ?? []), ...(meta.scopes ?? [])] } : {}),
    };
  }
  return merged;
}
