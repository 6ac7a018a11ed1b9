import { defineAdapter } from '@backend2mcp/core/adapter';
import { type FastifyAppLike, McpAdapter } from './adapter.js';
import { watchFastifyInstances } from './collect/watch-instances.js';

/**
 * How the `backend2mcp` CLI (or any program handed "some app") recognises and
 * serves a Fastify app. See `AdapterDescriptor` in `@backend2mcp/core/adapter`.
 */
export const descriptor = defineAdapter({
  name: 'fastify',
  displayName: 'Fastify',
  packageName: '@backend2mcp/fastify',
  frameworkPackage: 'fastify',
  detect: (value): value is FastifyAppLike =>
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { inject?: unknown }).inject === 'function' &&
    typeof (value as { register?: unknown }).register === 'function' &&
    typeof (value as { addHook?: unknown }).addHook === 'function',
  create: (app, options) => new McpAdapter(app, options),
  // Routes are collected from each instance's creation on, before the app declares any.
  preload: () => watchFastifyInstances(),
});
