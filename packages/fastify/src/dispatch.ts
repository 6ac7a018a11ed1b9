/**
 * `@backend2mcp/fastify/dispatch`: the in-process dispatch, the path translation and the
 * MCP route's error handler alone, for adapters of
 * frameworks that run on a Fastify instance (NestJS's Fastify platform). Unlike
 * the main entry it starts no route collection.
 *
 * @packageDocumentation
 */

export { getAuthContext, type McpRequestInfo, mcpContext } from './call-context.js';
export { translateFastifyPath } from './collect/fastify-path.js';
export { jsonRpcErrorHandler } from './endpoint-errors.js';
export { injectDispatch } from './inject-dispatch.js';
export { fastifyReaches, guardFastifyRoutes } from './route-boundary.js';
