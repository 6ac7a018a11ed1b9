import { abortedError, untilAborted } from '../abort.js';
import { refuseDotSegments } from '../dot-segments.js';
import type { Dispatch } from '../http.js';
import { joinChunks, responseTooLargeError } from '../response-body.js';
import { bindCallContext } from './call-context.js';

/** Where a dispatched request appears to come from; only its path and query reach routes. */
const BASE_URL = 'http://localhost';

/** Anything that answers a web-standard `Request`: `app.fetch` of Hono, a Worker handler, `fetch` itself. */
export type FetchHandler = (request: Request) => Response | Promise<Response>;

/**
 * A {@link Dispatch} for frameworks that speak web-standard `Request`/`Response`
 * (Hono, and anything built on `fetch`): each request becomes a `Request` on
 * `http://localhost`, bound to the MCP call (see `callContextOf`), and handed to
 * `handle`. Cancellation aborts the Request's signal and stops waiting; the
 * response body is read up to `maxResponseBytes` with {@link readWebBody}.
 *
 * @example
 * ```ts
 * const dispatch = fetchDispatch((request) => app.fetch(request, env));
 * ```
 */
export function fetchDispatch(handle: FetchHandler): Dispatch {
  return async (request, options) => {
    const signal = options.signal;
    // new Request() parses the URL with the WHATWG parser, which resolves dot segments.
    refuseDotSegments(request.url);
    const hasBody = request.body !== undefined && request.method !== 'GET' && request.method !== 'HEAD';
    const webRequest = new Request(BASE_URL + request.url, {
      method: request.method,
      headers: request.headers,
      ...(hasBody ? { body: request.body as BodyInit } : {}),
      ...(signal ? { signal } : {}),
    });
    bindCallContext(webRequest, options.context);
    const response = await untilAborted(Promise.resolve(handle(webRequest)), signal);
    const body = await readWebBody(response, options.maxResponseBytes, signal);
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name] = value;
    });
    return { status: response.status, headers, body };
  };
}

/**
 * Reads a web `Response` body up to `limit` bytes, rejecting with
 * `RESPONSE_TOO_LARGE` past it and with `DISPATCH_ABORTED` when `signal` aborts.
 * One abort listener for the whole read (cancelling the reader ends a pending
 * read) rather than a race per chunk.
 */
export async function readWebBody(
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
