import { defineAdapter } from '@backend2mcp/core/adapter';
import { McpAdapter, type McpAdapterOptions } from './adapter.js';
import type { HonoAppLike } from './hono-internals.js';

/**
 * How the `backend2mcp` CLI (or any program handed "some app") recognises and
 * serves a Hono app. See `AdapterDescriptor` in `@backend2mcp/core/adapter`.
 */
export const descriptor = defineAdapter({
  name: 'hono',
  displayName: 'Hono',
  packageName: '@backend2mcp/hono',
  frameworkPackage: 'hono',
  detect: (value): value is HonoAppLike =>
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    Array.isArray((value as { routes?: unknown }).routes) &&
    typeof (value as { fetch?: unknown }).fetch === 'function' &&
    typeof (value as { route?: unknown }).route === 'function',
  create: (app, options) => new McpAdapter(app, options),
  // Workers-style apps read their configuration from c.env, which app.fetch receives as `env`.
  environmentOptions: (values): McpAdapterOptions => ({ env: { ...values } }),
});
