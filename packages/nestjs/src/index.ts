/**
 * `@backend2mcp/nestjs`: every route of a NestJS app as an MCP tool, called in
 * process through the app's platform (Express or Fastify).
 *
 * @packageDocumentation
 */

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
  type RouteMap,
  type RouteMatcher,
  readRouteMeta,
  type ToolSpec,
} from '@backend2mcp/core';
export {
  extractRoutes,
  getAuthContext,
  McpAdapter,
  type McpAdapterOptions,
  type McpCallContext,
  type McpEndpointOptions,
  mcpContext,
} from './adapter.js';
export { MCP_TOOL_METADATA, McpExclude, McpTool, type McpToolOptions } from './decorators.js';
export { descriptor } from './descriptor.js';
export { McpContext } from './mcp-context.js';
export { McpModule, type McpModuleOptions } from './mcp-module.js';
export type { NestAppLike } from './nest-internals.js';
