/**
 * `@backend2mcp/koa`: every `@koa/router` route of a Koa app as an MCP tool.
 *
 * @packageDocumentation
 */

// The same core names in every adapter (docs/adapter-api.md), so users import from one package.
export * from '@backend2mcp/core/user';
export {
  getAuthContext,
  McpAdapter,
  type McpAdapterOptions,
  type McpRequestInfo,
  type MountOptions,
  mcpContext,
} from './adapter.js';
export { descriptor } from './descriptor.js';
export { extractRoutes } from './extract/extract-routes.js';
export type { KoaAppLike } from './extract/koa-internals.js';
// Augments node:http's IncomingMessage with `mcp` (ctx.req.mcp).
export type {} from './req-mcp.js';
export { type McpRouteMarker, mcp } from './route-meta.js';
