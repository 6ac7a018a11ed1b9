/**
 * `@backend2mcp/hono`: every route of a Hono app as an MCP tool, on any runtime.
 *
 * @packageDocumentation
 */

export {
  MCP_ENDPOINT_MARK,
  type McpRouteMeta,
  type RouteInfo,
  readRouteMeta,
  type ToolSpec,
} from '@backend2mcp/core';
export { McpAdapter, type McpAdapterOptions, type MountOptions } from './adapter.js';
export { extractRoutes, type HonoAppLike } from './extract/extract-routes.js';
export { openApiPathToHono, translateHonoPath } from './extract/hono-path.js';
export { type OpenApiDocument, operationsFromOpenApi } from './extract/openapi-schemas.js';
export { type McpRouteMarker, mcp } from './route-meta.js';
