import type { AuthContext, DispatchContext } from '@backend2mcp/core';
import { callContextOf } from '@backend2mcp/core/adapter';

/** What a route sees for an MCP tool call: tool, arguments, caller (`auth`), `reportProgress`, `log`. */
export interface McpRequestInfo extends DispatchContext {}

/** The slice of a Hono context these helpers read. */
export interface HonoCallContextLike {
  req: { raw: Request };
}

/** The MCP call a Hono context serves, or undefined for ordinary HTTP requests. */
export function mcpContext(c: HonoCallContextLike): McpRequestInfo | undefined {
  return callContextOf(c.req.raw);
}

/** The caller of the MCP call a Hono context serves, as the configured auth providers established it. */
export function getAuthContext(c: HonoCallContextLike): AuthContext | undefined {
  return mcpContext(c)?.auth;
}

/** Variables {@link mcpVariables} sets, for `new Hono<{ Variables: McpVariables }>()`. */
export interface McpVariables {
  mcp?: McpRequestInfo;
  mcpAuth?: AuthContext;
}

/**
 * Middleware that sets `c.get('mcp')` and `c.get('mcpAuth')` for MCP calls
 * (and nothing for ordinary requests). Register it before the routes that read them.
 *
 * @example
 * ```ts
 * const app = new Hono<{ Variables: McpVariables }>();
 * app.use(mcpVariables());
 * app.get('/me', (c) => c.json({ user: c.get('mcpAuth')?.subject }));
 * ```
 */
export function mcpVariables() {
  return async function mcpVariablesMiddleware(
    c: HonoCallContextLike & { set(key: string, value: unknown): void },
    next: () => Promise<void>,
  ): Promise<void> {
    const call = mcpContext(c);
    if (call) {
      c.set('mcp', call);
      if (call.auth) c.set('mcpAuth', call.auth);
    }
    await next();
  };
}
