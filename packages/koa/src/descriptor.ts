import { defineAdapter } from '@backend2mcp/core/adapter';
import { McpAdapter } from './adapter.js';
import type { KoaAppLike } from './extract/koa-internals.js';

/**
 * How the `backend2mcp` CLI (or any program handed "some app") recognises and
 * serves a Koa app. See `AdapterDescriptor` in `@backend2mcp/core/adapter`.
 */
export const descriptor = defineAdapter({
  name: 'koa',
  displayName: 'Koa',
  packageName: '@backend2mcp/koa',
  frameworkPackage: 'koa',
  detect: (value): value is KoaAppLike =>
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    Array.isArray((value as { middleware?: unknown }).middleware) &&
    typeof (value as { callback?: unknown }).callback === 'function',
  create: (app, options) => new McpAdapter(app, options),
});
