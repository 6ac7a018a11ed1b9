/**
 * `@backend2mcp/core/user`: the core names every adapter package re-exports to
 * its users (auth providers, hand-written surface definitions, route metadata,
 * the content-response helpers), so an app imports from its one adapter
 * package. Each adapter's `index.ts` is `export * from '@backend2mcp/core/user'`
 * plus its own names; `docs/adapter-api.md` lists them.
 *
 * @packageDocumentation
 */

export { type ApiKeyAuthOptions, ApiKeyAuthProvider } from './auth/api-key-provider.js';
export { AuthFailure } from './auth/auth-failure.js';
export type { AuthContext, AuthProvider } from './auth/auth-provider.js';
export { type BearerAuthOptions, BearerAuthProvider } from './auth/bearer-provider.js';
export { combineProviders } from './auth/combine-providers.js';
export { HeaderInjectionAuthProvider } from './auth/header-injection-provider.js';
export { OAuthResourceServer, type OAuthResourceServerOptions } from './auth/oauth-resource-server.js';
export type { RefreshResult } from './backend-mcp-server.js';
export { MCP_CONTENT_TYPE, type McpContentBody } from './content-response.js';
export type { McpLogLevel } from './http.js';
export type { McpRouteMeta, RouteInfo } from './route.js';
export { MCP_ENDPOINT_MARK, readRouteMeta } from './route-meta.js';
export type {
  CustomPromptDefinition,
  CustomResourceDefinition,
  CustomToolDefinition,
  HandlerContext,
} from './surface/custom-surface.js';
export type { RouteMap, RouteMatcher } from './surface/route-map.js';
export type { ToolSpec } from './tool-spec.js';
