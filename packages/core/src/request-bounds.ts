import { Backend2McpError } from './errors.js';
import type { HttpRequest } from './http.js';
import { type CallLimits, DEFAULT_CALL_LIMITS } from './limits.js';

/** The size limits of a request's URL and headers (the body has its own, `maxRequestBytes`, checked as it is encoded). */
export type RequestBounds = Pick<CallLimits, 'maxUrlBytes' | 'maxHeaderBytes'>;

const encoder = new TextEncoder();

/** Bytes of `text` in UTF-8; ASCII (every percent-encoded URL, most headers) needs no encoding pass. */
function utf8Length(text: string): number {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the range is what ASCII is
  return /^[\x00-\x7f]*$/.test(text) ? text.length : encoder.encode(text).byteLength;
}

/**
 * The bytes a request's header section takes on the wire: each `name: value`
 * line with its CRLF. Header values are Latin-1 on the wire (one byte per character).
 */
export function headerBytes(headers: Readonly<Record<string, string>>): number {
  let size = 0;
  for (const [name, value] of Object.entries(headers)) size += name.length + value.length + 4;
  return size;
}

/**
 * Refuses a request whose URL (path and query) or header section is larger
 * than its limit, before it is dispatched: arguments must not make the app
 * parse an unbounded URL or header block (a real HTTP server would refuse it
 * with 414 or 431 before any handler ran, but an in-process dispatch has no
 * such parser). Throws `REQUEST_TOO_LARGE` naming the part, its size, the
 * limit and the option that raises it.
 */
export function checkRequestBounds(request: HttpRequest, bounds: RequestBounds, name: string): void {
  const maxUrlBytes = bounds.maxUrlBytes ?? DEFAULT_CALL_LIMITS.maxUrlBytes;
  const urlBytes = utf8Length(request.url);
  if (urlBytes > maxUrlBytes) {
    throw new Backend2McpError(
      'REQUEST_TOO_LARGE',
      `The URL for ${name} is ${urlBytes} bytes (path and query); the limit is ${maxUrlBytes} (option maxUrlBytes).`,
    );
  }
  const maxHeaderBytes = bounds.maxHeaderBytes ?? DEFAULT_CALL_LIMITS.maxHeaderBytes;
  const size = headerBytes(request.headers);
  if (size > maxHeaderBytes) {
    throw new Backend2McpError(
      'REQUEST_TOO_LARGE',
      `The request headers for ${name} are ${size} bytes; the limit is ${maxHeaderBytes} (option maxHeaderBytes).`,
    );
  }
}
