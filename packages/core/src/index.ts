/**
 * `@backend2mcp/core`: routes to MCP tools, arguments to requests, responses to
 * results, and the MCP server on the official SDK. Framework-free and free of
 * `node:*` imports; the Node-only parts live in `@backend2mcp/core/node`.
 *
 * @packageDocumentation
 */

/** Types from the MCP SDK that appear in backend2mcp's public API, re-exported so adapters need no SDK import. */
export type { CallToolResult, Transport as McpTransport } from '@modelcontextprotocol/server';
export { annotationsFor } from './annotations.js';
export {
  type BackendMcpOptions,
  BackendMcpServer,
  type FetchOptions,
  type HttpGuardOptions,
  type RouteSource,
} from './backend-mcp-server.js';
export { type BuildToolsOptions, type BuiltTools, buildTools } from './build-tools.js';
export { type CallEnvironment, callTool } from './call-tool.js';
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
export * from './route.js';
export {
  attachRouteMeta,
  isMcpEndpoint,
  MCP_ENDPOINT_MARK,
  mergeRouteMeta,
  ROUTE_META,
  readRouteMeta,
} from './route-meta.js';
export { type SchemaCheck, SchemaValidator } from './schema-validation.js';
export { type ToRequestOptions, toRequest } from './to-request.js';
export { statusLine, type ToResultOptions, toResult } from './to-result.js';
export { type ListedTool, ToolCatalog } from './tool-catalog.js';
export type {
  ArgumentBinding,
  ArgumentLocation,
  RequestBinding,
  ToolAnnotations,
  ToolSpec,
} from './tool-spec.js';
