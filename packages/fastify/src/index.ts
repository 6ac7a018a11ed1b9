/**
 * `@backend2mcp/fastify`: every route of a Fastify app as an MCP tool, with the
 * schemas it already declares.
 *
 * @packageDocumentation
 */

import { watchFastifyInstances } from './collect/watch-instances.js';

// Importing the package starts collecting routes of every Fastify instance created afterwards.
watchFastifyInstances();

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
  extractRoutes,
  type FastifyAppLike,
  McpAdapter,
  type McpAdapterOptions,
  type MountOptions,
} from './adapter.js';
export { getAuthContext, type McpRequestInfo, mcpContext } from './call-context.js';
export { translateFastifyPath } from './collect/fastify-path.js';
export { collectedRoutes, collectRoutes } from './collect/route-collector.js';
export { descriptor } from './descriptor.js';
