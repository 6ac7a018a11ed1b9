import { defineAdapter } from '@backend2mcp/core/adapter';
import { McpAdapter } from './adapter.js';
import type { NestAppLike } from './nest-internals.js';

/**
 * How the `backend2mcp` CLI (or any program handed "some app") recognises and
 * serves a NestJS application. See `AdapterDescriptor` in `@backend2mcp/core/adapter`.
 * The CLI finds Nest apps in entries (`main.ts`, `app.module.ts`) before any
 * other shape, so a Nest app on the Fastify platform is never taken for a Fastify one.
 */
export const descriptor = defineAdapter({
  name: 'nestjs',
  displayName: 'NestJS',
  packageName: '@backend2mcp/nestjs',
  frameworkPackage: '@nestjs/core',
  detect: (value): value is NestAppLike =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { getHttpAdapter?: unknown }).getHttpAdapter === 'function' &&
    typeof (value as { init?: unknown }).init === 'function',
  create: (app, options) => new McpAdapter(app, options),
});
