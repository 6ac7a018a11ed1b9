/**
 * `@backend2mcp/nestjs`: every route of a NestJS app as an MCP tool, called in
 * process through the app's platform (Express or Fastify).
 *
 * @packageDocumentation
 */

// The same core names in every adapter (docs/adapter-api.md), so users import from one package.
export * from '@backend2mcp/core/user';
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
