/**
 * `@backend2mcp/fastify/dispatch`: the in-process dispatch alone, for adapters of
 * frameworks that run on a Fastify instance (NestJS's Fastify platform). Unlike
 * the main entry it starts no route collection.
 *
 * @packageDocumentation
 */

export { getAuthContext, type McpRequestInfo, mcpContext } from './call-context.js';
export { injectDispatch } from './inject-dispatch.js';
