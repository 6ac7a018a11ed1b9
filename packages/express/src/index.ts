/**
 * `@backend2mcp/express`: every route of an Express app as an MCP tool.
 *
 * @packageDocumentation
 */

import './auto-instrument.js';

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
export {
  getAuthContext,
  McpAdapter,
  type McpAdapterOptions,
  type McpRequestInfo,
  type MountOptions,
  mcpContext,
} from './adapter.js';
export { descriptor } from './descriptor.js';
export {
  type ExpressAppLike,
  type ExpressModuleLike,
  extractRoutes,
  instrumentExpress,
  loadExpressFrom,
} from './extract/index.js';
export { type McpRouteMarker, mcp } from './route-meta.js';
