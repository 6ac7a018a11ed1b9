import { Backend2McpError } from './errors.js';

/**
 * The error every dispatch fails with once a route's response body passes
 * `maxResponseBytes`, whichever way the adapter reads the body.
 */
export function responseTooLargeError(maxBytes: number): Backend2McpError {
  return new Backend2McpError(
    'RESPONSE_TOO_LARGE',
    `The response body is larger than maxResponseBytes (${maxBytes} bytes); raise the limit or ask for less data.`,
  );
}

/**
 * The chunks of a response body as one byte array of `byteLength` bytes. A body
 * that came in one chunk (the common case) is returned as is, without a copy.
 */
export function joinChunks(chunks: readonly Uint8Array[], byteLength: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const body = new Uint8Array(byteLength);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
