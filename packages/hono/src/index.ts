/**
 * `@backend2mcp/hono`: every route of a Hono app as an MCP tool, on any runtime.
 *
 * @packageDocumentation
 */

// The same core names in every adapter (docs/adapter-api.md), so users import from one package.
export {
  type ApiKeyAuthOptions,
  ApiKeyAuthProvider,
  type AuthContext,
  AuthFailure,
  type AuthProvider,
  type BearerAuthOptions,
  BearerAuthProvider,
  type CustomPromptDefinition,
  type CustomResourceDefinition,
  type CustomToolDefinition,
  combineProviders,
  type HandlerContext,
  HeaderInjectionAuthProvider,
  MCP_CONTENT_TYPE,
  MCP_ENDPOINT_MARK,
  type McpContentBody,
  type McpLogLevel,
  type McpRouteMeta,
  OAuthResourceServer,
  type OAuthResourceServerOptions,
  type RefreshResult,
  type RouteInfo,
  type RouteMap,
  type RouteMatcher,
  readRouteMeta,
  type ToolSpec,
} from '@backend2mcp/core';
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
export { extractRoutes, type HonoAppLike } from './extract/extract-routes.js';
export {
  type OpenApiDocument,
  openApiPathToHono,
  operationsFromOpenApi,
  translateHonoPath,
} from './extract/hono-path.js';
export { type McpRouteMarker, mcp } from './route-meta.js';
