/**
 * `@backend2mcp/hono`: every route of a Hono app as an MCP tool, on any runtime.
 *
 * @packageDocumentation
 */

// The same core names in every adapter (docs/adapter-api.md), so users import from one package.
export * from '@backend2mcp/core/user';
export { McpAdapter, type McpAdapterOptions, type MountOptions } from './adapter.js';
export {
  getAuthContext,
  type HonoCallContextLike,
  type McpRequestInfo,
  type McpVariables,
  mcpContext,
  mcpVariables,
} from './call-context.js';
export { descriptor } from './descriptor.js';
export { extractRoutes } from './extract/extract-routes.js';
export {
  type OpenApiDocument,
  openApiPathToHono,
  operationsFromOpenApi,
  translateHonoPath,
} from './extract/hono-path.js';
export type { HonoAppLike } from './hono-internals.js';
export { type McpRouteMarker, mcp } from './route-meta.js';
