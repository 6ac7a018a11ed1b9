/**
 * `@backend2mcp/express`: every route of an Express app as an MCP tool.
 *
 * @packageDocumentation
 */

import './auto-instrument.js';

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
export {
  type ExpressAppLike,
  type ExpressModuleLike,
  extractRoutes,
  instrumentExpress,
  loadExpressFrom,
} from './extract/index.js';
export { type McpRouteMarker, mcp } from './route-meta.js';
