/**
 * `@backend2mcp/core`: routes to MCP tools, arguments to requests, responses to
 * results, and the MCP server on the official SDK. Framework-free and free of
 * `node:*` imports; the Node-only parts live in `@backend2mcp/core/node`.
 *
 * @packageDocumentation
 */

/** Types from the MCP SDK that appear in backend2mcp's public API, re-exported so adapters need no SDK import. */
export type { CallToolResult, Transport as McpTransport } from '@modelcontextprotocol/server';
export { abortedError, untilAborted } from './abort.js';
export { McpAdapterBase } from './adapter-base.js';
export { annotationsFor } from './annotations.js';
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
export { type CallEnvironment, type CallReporter, callTool } from './call-tool.js';
export {
  MCP_CONTENT_TYPE,
  type McpContentBody,
  type ParsedContentBody,
  parseContentBody,
} from './content-response.js';
export { refuseDotSegments } from './dot-segments.js';
export { Backend2McpError, type Backend2McpErrorCode, isBackend2McpError } from './errors.js';
export * from './http.js';
export { isLoopbackAddress, resolveGuard } from './http-guard.js';
export {
  type CallLimits,
  DEFAULT_CALL_LIMITS,
  DEFAULT_MAX_MESSAGE_BYTES,
  type MessageLimits,
  resolveCallLimits,
  resolveMaxMessageBytes,
} from './limits.js';
export { messageTooLargeResponse, parsedBodyTooLarge } from './message-limit.js';
export { generateToolName, MAX_TOOL_NAME_LENGTH, toSnakeWords } from './naming.js';
export {
  encodePathSegment,
  fillPathTemplate,
  hasLoneSurrogate,
  type PathTemplate,
  parsePathTemplate,
  type TemplateParam,
} from './path-template.js';
export { joinChunks, responseTooLargeError } from './response-body.js';
export * from './route.js';
export {
  admitRoute,
  expectationFor,
  expectRoute,
  ROUTE_BOUNDARY_BODY,
  ROUTE_BOUNDARY_STATUS,
  type RouteExpectation,
  type RouteReach,
  type RouteTarget,
  routeBoundaryError,
  routeExpectation,
} from './route-boundary.js';
export {
  attachRouteMeta,
  isMcpEndpoint,
  MCP_ENDPOINT_MARK,
  mergeRouteMeta,
  ROUTE_META,
  readRouteMeta,
} from './route-meta.js';
export { type SchemaLibraryObject, type SchemaSource, toJsonSchema } from './schema-source.js';
export { type SchemaCheck, SchemaValidator, schemaDocumentProblem } from './schema-validation.js';
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
export {
  decideRole,
  matches as matchesRoute,
  type RouteMap,
  type RouteMatcher,
  type RouteRole,
  type RouteSelection,
} from './surface/route-map.js';
export type { RouteResource } from './surface/route-resources.js';
export { type ToRequestOptions, toRequest } from './to-request.js';
export { statusLine, type ToResultOptions, toResult } from './to-result.js';
export { type CatalogEntry, type CatalogOptions, type ListedTool, ToolCatalog } from './tool-catalog.js';
export type {
  ArgumentBinding,
  ArgumentLocation,
  RequestBinding,
  ToolAnnotations,
  ToolSpec,
} from './tool-spec.js';
