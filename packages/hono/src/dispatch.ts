import type { Dispatch } from '@backend2mcp/core';
import { fetchDispatch as webFetchDispatch } from '@backend2mcp/core/adapter';
import type { HonoAppLike } from './hono-internals.js';
import { CALL_HEADER, openCall } from './route-boundary.js';

/**
 * Runs each request through `app.fetch(new Request(...), env, executionCtx)`:
 * the web-standard path every Hono runtime uses, so middleware, validators and
 * `c.env` bindings behave as in production. Core's fetch dispatch does the
 * rest (cancellation, the size limit, binding the call to `c.req.raw`).
 */
export function fetchDispatch(app: HonoAppLike, env: () => unknown, executionCtx: () => unknown): Dispatch {
  const dispatchWeb = webFetchDispatch((request) => app.fetch(request, env(), executionCtx()));
  return async (request, options) => {
    // The route boundary follows the call by this header, into requests the app derives from this one.
    const call = openCall(options.expectation);
    try {
      return await dispatchWeb(
        call.id ? { ...request, headers: { ...request.headers, [CALL_HEADER]: call.id } } : request,
        options,
      );
    } finally {
      call.close();
    }
  };
}
