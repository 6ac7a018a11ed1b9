/**
 * `@backend2mcp/core/adapter`: everything an adapter author needs, and nothing
 * an end user does. An adapter binds an app to core with a {@link RouteSource}
 * (read the routes, dispatch a request in process), exposes an
 * {@link McpServerAdapter}, and publishes an {@link AdapterDescriptor} so the CLI
 * can find and serve its apps. The obligations and a worked example are in
 * `docs/writing-an-adapter.md`.
 *
 * Edge-safe like the main entry (no `node:*` at runtime). Adapters for
 * frameworks on a Node request listener also use `@backend2mcp/core/node`
 * (`NodeMcpAdapter`, `nodeListenerDispatch`, `createNodeEndpoint`, `readNodeBody`).
 *
 * @packageDocumentation
 */

/** The SDK's transport type, for adapters whose `connect(transport)` takes one. */
export type { Transport as McpTransport } from '@modelcontextprotocol/server';
export { abortedError, untilAborted } from './abort.js';
export { bindCallContext, callContextOf } from './adapter/call-context.js';
export {
  type AdapterDescriptor,
  type AnyAdapterDescriptor,
  type Awaitable,
  defineAdapter,
  type McpServerAdapter,
} from './adapter/contract.js';
export {
  type EndpointRefusal,
  endpointRefusalBody,
  type JsonRpcErrorBody,
} from './adapter/endpoint-errors.js';
export { type EndpointAttachments, markMcpEndpoint, mountMcpRoutes } from './adapter/endpoint-routes.js';
export {
  CATCH_ALL_METHODS,
  isToolMethod,
  regexPathSkipped,
  type TranslatedColonPath,
  translateColonPath,
  unexposedMethod,
} from './adapter/extraction-rules.js';
export { type FetchHandler, fetchDispatch, readWebBody } from './adapter/fetch-dispatch.js';
export {
  type OpenApiDocument,
  type OperationInfo,
  operationsFromOpenApi,
} from './adapter/openapi-operations.js';
export {
  type PluginRouteIdiom,
  type PluginRouteKind,
  pluginMiddlewareSkipped,
  pluginRouteReason,
  pluginRouteSkipped,
} from './adapter/plugin-routes.js';
export { McpAdapterBase } from './adapter-base.js';
export { BackendMcpServer } from './backend-mcp-server.js';
export { refuseDotSegments } from './dot-segments.js';
export { Backend2McpError, type Backend2McpErrorCode } from './errors.js';
export {
  type Dispatch,
  type DispatchContext,
  type DispatchOptions,
  HTTP_METHODS,
  type HttpMethod,
  type HttpRequest,
  type HttpResponse,
} from './http.js';
export { resolveGuard } from './http-guard.js';
export { DEFAULT_CALL_LIMITS } from './limits.js';
export { generateToolName } from './naming.js';
export { fillPathTemplate, type PathTemplate, parsePathTemplate } from './path-template.js';
export { joinChunks, responseTooLargeError } from './response-body.js';
export type {
  BodyEncoding,
  ExtractedRoutes,
  JsonSchema,
  McpRouteMeta,
  RouteInfo,
  RouteSchemas,
  SkippedRoute,
} from './route.js';
export {
  admitRoute,
  expectRoute,
  ROUTE_BOUNDARY_BODY,
  ROUTE_BOUNDARY_STATUS,
  type RouteExpectation,
  type RouteReach,
  type RouteTarget,
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
export type {
  BackendMcpOptions,
  FetchOptions,
  HttpGuardOptions,
  RequestEncoder,
  RouteSource,
} from './server-options.js';
