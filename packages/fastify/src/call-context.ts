import type { AuthContext, DispatchContext } from '@backend2mcp/core';
import { callContextOf } from '@backend2mcp/core/adapter';
import type { FastifyLike } from './fastify-internals.js';

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
  return callContextOf(rawOf(request));
}

/** The caller of the MCP call `request` serves (the same as `request.mcpAuth`). */
export function getAuthContext(request: RequestLike): AuthContext | undefined {
  return mcpContext(request)?.auth;
}

/**
 * Adds `request.mcp` and `request.mcpAuth`. Fastify only accepts decorators
 * before the app starts; returns false when it is too late.
 */
export function decorateMcpRequest(
  app: Pick<FastifyLike, 'hasRequestDecorator' | 'decorateRequest'>,
): boolean {
  if (app.hasRequestDecorator('mcp')) return true;
  try {
    app.decorateRequest('mcp', {
      getter() {
        return callContextOf(this.raw);
      },
    });
    app.decorateRequest('mcpAuth', {
      getter() {
        return callContextOf(this.raw)?.auth;
      },
    });
    return true;
  } catch {
    return false;
  }
}
