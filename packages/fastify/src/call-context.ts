import { AsyncLocalStorage } from 'node:async_hooks';
import type { AuthContext, DispatchContext } from '@backend2mcp/core';

/**
 * `app.inject()` builds the request object itself, so the call's context
 * cannot be attached to it; it travels in async context instead, from the
 * dispatch through every hook and handler of that one injected request.
 */
const currentCall = new AsyncLocalStorage<DispatchContext>();

/**
 * Runs `dispatch` with `context` as the MCP call its request serves. The
 * result is awaited inside the context on purpose: `inject()` returns a lazy
 * thenable that only starts the request when `then` is called.
 */
export async function withCallContext<T>(
  context: DispatchContext | undefined,
  dispatch: () => PromiseLike<T>,
): Promise<T> {
  if (!context) return dispatch();
  return currentCall.run(context, async () => await dispatch());
}

/** What a route sees as `request.mcp` for an MCP tool call. */
export interface McpRequestInfo extends DispatchContext {}

/**
 * The MCP call the current request serves, or undefined for ordinary HTTP
 * requests. The same as `request.mcp`; usable where the decorator is not
 * (an app that was already started when the adapter was created).
 */
export function mcpContext(_request?: unknown): McpRequestInfo | undefined {
  return currentCall.getStore();
}

/** The caller of the MCP call the current request serves (the same as `request.mcpAuth`). */
export function getAuthContext(request?: unknown): AuthContext | undefined {
  return mcpContext(request)?.auth;
}

interface Decoratable {
  hasRequestDecorator(name: string): boolean;
  decorateRequest(name: string, value: { getter(): unknown }): unknown;
}

/**
 * Adds `request.mcp` and `request.mcpAuth`. Fastify only accepts decorators
 * before the app starts; returns false when it is too late.
 */
export function decorateMcpRequest(app: Decoratable): boolean {
  if (app.hasRequestDecorator('mcp')) return true;
  try {
    app.decorateRequest('mcp', { getter: () => currentCall.getStore() });
    app.decorateRequest('mcpAuth', { getter: () => currentCall.getStore()?.auth });
    return true;
  } catch {
    return false;
  }
}
