import { Backend2McpError } from './errors.js';

/** What the WHATWG URL parser treats as `.` and `..`, percent-encoded or not. */
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

/**
 * Refuses a request URL whose path holds a `.` or `..` segment, in any
 * percent-encoding. Dispatches that parse the URL with the WHATWG parser
 * (`new Request(url)`, `app.fetch`, Fastify's `inject`) would resolve such a
 * segment and send the request to another route, e.g. `/files/%2E%2E/admin` to
 * `/admin`. {@link toRequest} never builds one; this guards requests built elsewhere.
 * Throws `INVALID_ARGUMENT`.
 */
export function refuseDotSegments(url: string): void {
  const end = url.search(/[?#]/);
  const path = end === -1 ? url : url.slice(0, end);
  if (path.split('/').some((segment) => DOT_SEGMENT.test(segment))) {
    throw new Backend2McpError(
      'INVALID_ARGUMENT',
      `The request path ${path} has a "." or ".." segment; URL parsing would send it to another route, so it was not dispatched.`,
    );
  }
}
