/**
 * `@backend2mcp/openapi`: any backend with an OpenAPI 3.0/3.1 or Swagger 2.0
 * document as an MCP server, calls dispatched over HTTP.
 *
 * @packageDocumentation
 */

export {
  type ApiKeyAuthOptions,
  ApiKeyAuthProvider,
  type AuthContext,
  type AuthProvider,
  type BearerAuthOptions,
  BearerAuthProvider,
  combineProviders,
  OAuthResourceServer,
  type OAuthResourceServerOptions,
  type RefreshResult,
  type RouteMap,
  type RouteMatcher,
  type ToolSpec,
} from '@backend2mcp/core';
export { OpenApiMcpAdapter, type OpenApiMcpOptions } from './adapter.js';
export type { ClientCredentials, SchemeCredential } from './auth/outbound-auth.js';
export { type DocumentSource, type LoadDocumentOptions, loadDocument } from './document/load-document.js';
export { type ReadDocument, type ReadDocumentOptions, readDocument } from './document/read-document.js';
export type { OpenApiDocument } from './document/types.js';
export { OpenApiBackend, type OpenApiBackendOptions } from './openapi-backend.js';
export { estimateTokens } from './token-estimate.js';
