import type { HttpMethod } from '@backend2mcp/core';
import {
  admitRoute,
  ROUTE_BOUNDARY_BODY,
  ROUTE_BOUNDARY_STATUS,
  type RouteExpectation,
  type RouteTarget,
} from '@backend2mcp/core/adapter';
import { translateHonoPath } from './extract/hono-path.js';
import type { RoutableHono } from './hono-internals.js';

/**
 * The route boundary for Hono: a tool's request runs its own route and no other.
 *
 * Hono routes a request once, in `app.fetch`, with `app.router.match(method,
 * app.getPath(request))`; a middleware cannot re-route it, only send a new
 * request through `app.fetch` again (hono's `methodOverride` does). So the
 * boundary wraps the app's `fetch`: every request that serves a tool call
 * (the dispatched one, and any request the app derives from it, which keeps
 * its headers and so the {@link CALL_HEADER}) is matched with Hono's own router
 * first, and answered 404 unless it reaches the tool's route with the tool's method.
 */

/** Carries a call's id into requests the app derives from the dispatched one (`methodOverride`). */
export const CALL_HEADER = 'x-backend2mcp-call';

const inFlight = new Map<string, RouteExpectation>();
const wrapped = new WeakSet<object>();

/** Registers a dispatched call: returns the value of its {@link CALL_HEADER}, and a function ending it. */
export function openCall(expectation: RouteExpectation | undefined): { id?: string; close(): void } {
  if (!expectation) return { close: () => {} };
  const id = crypto.randomUUID();
  inFlight.set(id, expectation);
  return { id, close: () => inFlight.delete(id) };
}

/** The route Hono runs for `method path`: the first matched handler that is not `app.use()` middleware. */
function reachedPath(app: RoutableHono, method: string, path: string): string | undefined {
  const [matched] = app.router.match(method === 'HEAD' ? 'GET' : method, path);
  for (const [[, route]] of matched) {
    if (route.method.toUpperCase() === 'ALL' && route.path.endsWith('*')) continue;
    return translateHonoPath(route.path).template;
  }
  return undefined;
}

/** Before dispatch: Hono's router sends `method url` to `target`. */
export function honoReaches(
  app: RoutableHono,
  method: HttpMethod,
  url: string,
  target: RouteTarget,
): boolean {
  const path = app.getPath(new Request(`http://localhost${url}`, { method }), { env: undefined });
  return reachedPath(app, method, path) === target.path && method === target.method;
}

/**
 * Wraps `app.fetch` once so that no request serving a tool call runs another
 * route. Ordinary requests pass straight through.
 */
export function guardHonoFetch(app: RoutableHono): void {
  if (wrapped.has(app)) return;
  wrapped.add(app);
  const original = app.fetch;
  app.fetch = function routeBoundary(request: Request, env?: unknown, executionCtx?: unknown) {
    const id = request.headers.get(CALL_HEADER);
    const expectation = id === null ? undefined : inFlight.get(id);
    if (expectation) {
      const path = reachedPath(app, request.method, app.getPath(request, { env }));
      if (!admitRoute(expectation, request.method, path)) {
        return new Response(ROUTE_BOUNDARY_BODY, {
          status: ROUTE_BOUNDARY_STATUS,
          headers: { 'content-type': 'application/json' },
        });
      }
    }
    return original.call(app, request, env, executionCtx);
  };
}
