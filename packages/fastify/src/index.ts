/**
 * `@backend2mcp/fastify`: every route of a Fastify app as an MCP tool, with the
 * schemas it already declares.
 *
 * @packageDocumentation
 */

import { watchFastifyInstances } from './collect/watch-instances.js';

// Importing the package starts collecting routes of every Fastify instance created afterwards.
watchFastifyInstances();

// The same core names in every adapter (docs/adapter-api.md), so users import from one package.
export * from '@backend2mcp/core/user';
export {
  extractRoutes,
  type FastifyAppLike,
  McpAdapter,
  type McpAdapterOptions,
  type MountOptions,
} from './adapter.js';
export { getAuthContext, type McpRequestInfo, mcpContext } from './call-context.js';
export { translateFastifyPath } from './collect/fastify-path.js';
export { collectedRoutes, collectRoutes } from './collect/route-collector.js';
export { descriptor } from './descriptor.js';
