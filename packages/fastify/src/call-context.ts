import type { AuthContext, DispatchContext } from '@backend2mcp/core';

/**
 * The MCP call each injected request serves, keyed by the raw request object
 * the dispatch creates. A WeakMap entry instead of AsyncLocalStorage: on Node
 * 20 an AsyncLocalStorage puts a hook on every promise of the process once
 * used, which cost about 100 µs per tool call through the SDK (measured in
 * bench/), more than Fastify's own dispatch.
 */
const calls = new WeakMap<object, DispatchContext>();

/** Records that `raw` (the request the dispatch built) serves the MCP call `context`. */
export function bindCall(raw: object, context: DispatchContext): void {
  calls.set(raw, context);
}

/** What a route sees as `request.mcp` for an MCP tool call. */
export interface McpRequestInfo extends DispatchContext {}

/** A Fastify request, or the raw Node request under it. */
export type RequestLike = { raw: object } | object;

function rawOf(request: RequestLike): object {
  return 'raw' in request && typeof request.raw === 'object' && request.raw !== null ? request.raw : request;
}

/**
 * The MCP call `request` serves, or undefined for ordinary HTTP requests. The
 * same as `request.mcp`; usable where the decorator is not (an app that had
 * already started when the adapter was created).
 */
export function mcpContext(request: RequestLike): McpRequestInfo | undefined {
  return calls.get(rawOf(request));
}

/** The caller of the MCP call `request` serves (the same as `request.mcpAuth`). */
export function getAuthContext(request: RequestLike): AuthContext | undefined {
  return mcpContext(request)?.auth;
}

interface Decoratable {
  hasRequestDecorator(name: string): boolean;
  decorateRequest(name: string, value: { getter(this: { raw: object }): unknown }): unknown;
}

/**
 * Adds `request.mcp` and `request.mcpAuth`. Fastify only accepts decorators
 * before the app starts; returns false when it is too late.
 */
export function decorateMcpRequest(app: Decoratable): boolean {
  if (app.hasRequestDecorator('mcp')) return true;
  try {
    app.decorateRequest('mcp', {
      getter() {
        return calls.get(this.raw);
      },
    });
    app.decorateRequest('mcpAuth', {
      getter() {
        return calls.get(this.raw)?.auth;
      },
    });
    return true;
  } catch {
    return false;
  }
}
