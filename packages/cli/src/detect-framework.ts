/** The frameworks the CLI can serve. */
export type Framework = 'express' | 'fastify' | 'hono' | 'koa' | 'nestjs';

// 'nestjs' apps are found by nest-entry.ts (issue 23), not by their shape.
export const FRAMEWORKS: readonly Framework[] = ['express', 'fastify', 'hono', 'koa', 'nestjs'];

/**
 * Recognises a framework instance by its shape (never by `instanceof`, so
 * any copy or version of the framework is recognised).
 */
export function detectFramework(value: unknown): Framework | undefined {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return undefined;
  const app = value as Record<string, unknown>;
  if (
    typeof app.inject === 'function' &&
    typeof app.register === 'function' &&
    typeof app.addHook === 'function'
  ) {
    return 'fastify';
  }
  if (Array.isArray(app.routes) && typeof app.fetch === 'function' && typeof app.route === 'function')
    return 'hono';
  if (Array.isArray(app.middleware) && typeof app.callback === 'function') return 'koa';
  if (typeof value === 'function' && typeof app.handle === 'function' && typeof app.set === 'function')
    return 'express';
  return undefined;
}
