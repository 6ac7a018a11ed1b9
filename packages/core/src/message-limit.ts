const encoder = new TextEncoder();

/**
 * The answer to an MCP message over `maxMessageBytes`: `413` with a JSON-RPC
 * error, the same one the MCP SDK gives for a body it reads itself, and
 * `connection: close` so an HTTP/1.1 server does not keep reading the rest.
 */
export function messageTooLargeResponse(maxBytes: number): Response {
  return Response.json(
    {
      jsonrpc: '2.0',
      error: {
        code: -32000,
        message: `Payload Too Large: Request body must not exceed ${maxBytes} bytes (option maxMessageBytes).`,
      },
      id: null,
    },
    { status: 413, headers: { connection: 'close' } },
  );
}

/**
 * True when a body a host framework already parsed (`express.json()`, Fastify,
 * a Koa body parser) is larger than `maxBytes` as JSON: those bytes never pass
 * through the SDK's own size check, so the limit is applied to them here.
 */
export function parsedBodyTooLarge(parsedBody: unknown, maxBytes: number): boolean {
  if (parsedBody === undefined) return false;
  const text = JSON.stringify(parsedBody) ?? '';
  // Every UTF-16 unit is at most 3 UTF-8 bytes: skip the encoding when the text is clearly small.
  if (text.length * 3 <= maxBytes) return false;
  return encoder.encode(text).byteLength > maxBytes;
}
