import type { IncomingMessage } from 'node:http';
import type { Dispatch, HttpRequest } from '@backend2mcp/core';
import {
  abortedError,
  bindCallContext,
  expectRoute,
  refuseDotSegments,
  untilAborted,
} from '@backend2mcp/core/adapter';
import { readNodeBody } from '@backend2mcp/core/node';
import { inject } from 'light-my-request';
import type { FastifyRouting, StreamedInjection } from './fastify-internals.js';

/**
 * Runs each request through Fastify's own HTTP handler (`app.routing`) on a
 * light-my-request request, which is what `app.inject()` does, so hooks,
 * validation and serialisation run as for HTTP requests. Calling
 * light-my-request directly hands us the request object it builds, which
 * carries the MCP call to `request.mcp` and is what cancellation closes.
 * The body is read as a stream, so a response past `maxResponseBytes` (a route
 * that streams forever, a huge file) is cut off as soon as it crosses the
 * limit instead of being buffered whole; cancellation and the limit both close
 * the route's request and response, so the route (and a piped source stream)
 * sees `close`.
 */
export function injectDispatch(app: FastifyRouting): Dispatch {
  let booted = false;
  let booting: Promise<unknown> | undefined;
  return async (request, options) => {
    const { signal } = options;
    if (signal?.aborted) throw abortedError(signal);
    // light-my-request parses the URL with the WHATWG parser, which resolves dot segments.
    refuseDotSegments(request.url);
    if (!booted) {
      // What app.inject() does for an app that has not started: boot it first (plugins register their routes).
      booting ??= Promise.resolve(app.ready()).then(() => {
        booted = true;
      });
      await untilAborted(booting, signal);
    }
    let raw: IncomingMessage | undefined;
    const hangUpRequest = () => raw?.destroy();
    signal?.addEventListener('abort', hangUpRequest, { once: true });
    try {
      const head = new Promise<StreamedInjection>((resolve, reject) => {
        inject(
          (req, res) => {
            raw = req;
            bindCallContext(req, options.context);
            expectRoute(req, options.expectation); // read by the route-boundary hook
            app.routing(req, res);
          },
          injectOptions(request),
          (error, response) => {
            if (error) reject(error);
            else resolve(response as unknown as StreamedInjection);
          },
        );
      });
      const response = await untilAborted(head, signal);
      const body = await readNodeBody(response.stream(), {
        ...(options.maxResponseBytes === undefined ? {} : { maxBytes: options.maxResponseBytes }),
        ...(signal ? { signal } : {}),
        onFail: () => hangUp(response),
      });
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(response.headers)) {
        if (value !== undefined)
          headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
      }
      return { status: response.statusCode, headers, body };
    } finally {
      signal?.removeEventListener('abort', hangUpRequest);
    }
  };
}

function injectOptions(request: HttpRequest) {
  return {
    method: request.method as 'GET',
    url: request.url,
    headers: request.headers,
    ...(request.body ? { payload: Buffer.from(request.body) } : {}),
    payloadAsStream: true,
  };
}

/** What a server does when the client goes away: the route's request and response close. */
function hangUp(response: StreamedInjection): void {
  const res = response.raw.res;
  res.destroy();
  res.req?.destroy();
}
