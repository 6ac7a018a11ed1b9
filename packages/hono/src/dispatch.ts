import {
  abortedError,
  type Dispatch,
  joinChunks,
  refuseDotSegments,
  responseTooLargeError,
  untilAborted,
} from '@backend2mcp/core';
import { rememberCall } from './call-context.js';
import type { HonoAppLike } from './extract/extract-routes.js';
import { CALL_HEADER, openCall } from './route-boundary.js';

/** Where a dispatched request appears to come from; only its path and query reach routes. */
const BASE_URL = 'http://localhost';

/**
 * Runs each request through `app.fetch(new Request(...), env, executionCtx)`:
 * the web-standard path every Hono runtime uses, so middleware, validators and
 * `c.env` bindings behave as in production. Cancellation aborts the Request's
 * signal and stops waiting; the response body is read up to the size limit.
 */
export function fetchDispatch(app: HonoAppLike, env: () => unknown, executionCtx: () => unknown): Dispatch {
  return async (request, options) => {
    const signal = options.signal;
    // new Request() parses the URL with the WHATWG parser, which resolves dot segments.
    refuseDotSegments(request.url);
    const hasBody = request.body !== undefined && request.method !== 'GET' && request.method !== 'HEAD';
    // The route boundary follows the call by this header, into requests the app derives from this one.
    const call = openCall(options.expectation);
    const webRequest = new Request(BASE_URL + request.url, {
      method: request.method,
      headers: call.id ? { ...request.headers, [CALL_HEADER]: call.id } : request.headers,
      ...(hasBody ? { body: request.body as BodyInit } : {}),
      ...(signal ? { signal } : {}),
    });
    rememberCall(webRequest, options.context);
    let response: Response;
    try {
      response = await untilAborted(Promise.resolve(app.fetch(webRequest, env(), executionCtx())), signal);
    } finally {
      call.close();
    }
    const body = await readLimited(response, options.maxResponseBytes, signal);
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name] = value;
    });
    return { status: response.status, headers, body };
  };
}

/**
 * Reads the body up to `limit` bytes. One abort listener for the whole read
 * (cancelling the reader ends a pending read) rather than a race per chunk.
 */
async function readLimited(
  response: Response,
  limit: number | undefined,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const stopReading = () => {
    reader.cancel(signal?.reason).catch(() => undefined);
  };
  signal?.addEventListener('abort', stopReading, { once: true });
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (signal?.aborted) throw abortedError(signal);
      if (done) break;
      size += value.byteLength;
      if (limit !== undefined && size > limit) {
        throw responseTooLargeError(limit);
      }
      chunks.push(value);
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    throw signal?.aborted ? abortedError(signal) : error;
  } finally {
    signal?.removeEventListener('abort', stopReading);
  }
  return joinChunks(chunks, size);
}
