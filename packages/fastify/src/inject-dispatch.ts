import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import {
  abortedError,
  Backend2McpError,
  type Dispatch,
  refuseDotSegments,
  untilAborted,
} from '@backend2mcp/core';
import type { FastifyInstance } from 'fastify';
import { withCallContext } from './call-context.js';

type Injectable = Pick<FastifyInstance<any, any, any, any, any>, 'inject'>;

/** What `inject({ payloadAsStream: true })` resolves with once the head is written. */
interface StreamedInjection {
  statusCode: number;
  headers: Record<string, string | string[] | number | undefined>;
  stream(): Readable;
  raw: { res: ServerResponse & { req?: IncomingMessage } };
}

/**
 * Runs each request through `app.inject()`, so hooks, validation and
 * serialisation run as for HTTP requests. The body is read as a stream, so a
 * response past `maxResponseBytes` (a route that streams forever, a huge file)
 * is cut off as soon as it crosses the limit instead of being buffered whole;
 * cancellation and the limit both close the route's request and response, so
 * the route (and a piped source stream) sees `close`.
 */
export function injectDispatch(app: Injectable): Dispatch {
  return async (request, options) => {
    const { signal } = options;
    if (signal?.aborted) throw abortedError(signal);
    // inject() parses the URL with the WHATWG parser, which resolves dot segments.
    refuseDotSegments(request.url);
    // Inside the call's async context, so the route sees it as request.mcp.
    const injected = withCallContext(
      options.context,
      () =>
        app.inject({
          method: request.method,
          url: request.url,
          headers: request.headers,
          ...(request.body ? { payload: Buffer.from(request.body) } : {}),
          ...(signal ? { signal } : {}),
          payloadAsStream: true,
        }) as unknown as PromiseLike<StreamedInjection>,
    );
    const response = await untilAborted(injected, signal);
    const body = await readBody(response, options.maxResponseBytes, signal);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined)
        headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    }
    return { status: response.statusCode, headers, body };
  };
}

async function readBody(
  response: StreamedInjection,
  maxBytes = Number.POSITIVE_INFINITY,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  const stream = response.stream();
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.byteLength;
      if (size > maxBytes) {
        throw new Backend2McpError(
          'RESPONSE_TOO_LARGE',
          `The response is larger than ${maxBytes} bytes (option maxResponseBytes); raise the limit or ask for less data.`,
        );
      }
      chunks.push(chunk);
    }
  } catch (error) {
    hangUp(response, stream);
    if (signal?.aborted) throw abortedError(signal);
    throw error;
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** What a server does when the client goes away: the route's request and response close. */
function hangUp(response: StreamedInjection, stream: Readable): void {
  stream.destroy();
  const res = response.raw.res;
  res.destroy();
  res.req?.destroy();
}
