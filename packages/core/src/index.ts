/**
 * `@backend2mcp/core`: routes to MCP tools, arguments to requests, responses to
 * results, and the MCP server on the official SDK. Framework-free and free of
 * `node:*` imports; the Node-only parts live in `@backend2mcp/core/node`.
 *
 * This entry holds what end users and tool-model readers import. Adapter
 * authors import `@backend2mcp/core/adapter` (the contract and the helpers
 * every adapter shares); adapters re-export `@backend2mcp/core/user` to their users.
 *
 * @packageDocumentation
 */

/** Types from the MCP SDK that appear in backend2mcp's public API, re-exported so users need no SDK import. */
export type { CallToolResult, Transport as McpTransport } from '@modelcontextprotocol/server';
export { type ApiKeyAuthOptions, ApiKeyAuthProvider } from './auth/api-key-provider.js';
export {
  AuthFailure,
  type AuthFailureOptions,
  type AuthFailureStatus,
  isAuthFailure,
} from './auth/auth-failure.js';
export type {
  AuthContext,
  AuthGrant,
  AuthProvider,
  AuthRequest,
  WellKnownDocument,
} from './auth/auth-provider.js';
export { type BearerAuthOptions, BearerAuthProvider } from './auth/bearer-provider.js';
export { combineProviders } from './auth/combine-providers.js';
export {
  HeaderInjectionAuthProvider,
  type HeaderInjectionOptions,
} from './auth/header-injection-provider.js';
export { OAuthResourceServer, type OAuthResourceServerOptions } from './auth/oauth-resource-server.js';
export type { CredentialIdentity, CredentialList } from './auth/secret-list.js';
export type { ToolScopesResolver } from './auth/tool-scopes.js';
export {
  type BackendMcpOptions,
  BackendMcpServer,
  type FetchOptions,
  type HttpGuardOptions,
  type RefreshResult,
  type RequestEncoder,
  type RouteSource,
} from './backend-mcp-server.js';
export {
  type BuildToolsOptions,
  type BuiltTools,
  buildTools,
  type OutputSchemaPublishing,
} from './build-tools.js';
export { MCP_CONTENT_TYPE, type McpContentBody } from './content-response.js';
export { Backend2McpError, type Backend2McpErrorCode, isBackend2McpError } from './errors.js';
export type {
  Dispatch,
  DispatchContext,
  DispatchOptions,
  HttpMethod,
  HttpRequest,
  HttpResponse,
  McpLogLevel,
} from './http.js';
export type { CallLimits, MessageLimits } from './limits.js';
export type * from './route.js';
export { MCP_ENDPOINT_MARK, readRouteMeta } from './route-meta.js';
export type { SchemaLibraryObject, SchemaSource } from './schema-source.js';
export { type SchemaCheck, SchemaValidator } from './schema-validation.js';
export type {
  CustomPromptDefinition,
  CustomPromptGetter,
  CustomResourceDefinition,
  CustomResourceReader,
  CustomTool,
  CustomToolDefinition,
  CustomToolHandler,
  HandlerContext,
} from './surface/custom-surface.js';
export type { RouteMap, RouteMatcher, RouteRole, RouteSelection } from './surface/route-map.js';
export type { RouteResource } from './surface/route-resources.js';
export { type ToRequestOptions, toRequest } from './to-request.js';
export { statusLine, type ToResultOptions, toResult } from './to-result.js';
export type {
  ArgumentBinding,
  ArgumentLocation,
  RequestBinding,
  ToolAnnotations,
  ToolSpec,
} from './tool-spec.js';
