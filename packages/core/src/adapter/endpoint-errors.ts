/**
 * Why an MCP endpoint refused a request before it reached the MCP handler, when
 * the host framework refused it itself (it parses bodies before the endpoint runs).
 */
export type EndpointRefusal =
  | 'parse-error'
  | 'too-large'
  | 'unsupported-media-type'
  | 'bad-request'
  | 'internal';

/** A JSON-RPC error response body, as the MCP endpoint answers malformed HTTP requests. */
export interface JsonRpcErrorBody {
  jsonrpc: '2.0';
  error: { code: number; message: string };
  id: null;
}

/**
 * The JSON-RPC error envelope the MCP SDK answers the same mistake with, so a
 * client reads the same error whether the SDK or the host framework (Fastify's
 * body parser) caught it. `detail` is the framework's own message, for the
 * kinds that carry one.
 */
export function endpointRefusalBody(refusal: EndpointRefusal, detail = ''): JsonRpcErrorBody {
  return { jsonrpc: '2.0', error: refusalError(refusal, detail), id: null };
}

function refusalError(refusal: EndpointRefusal, detail: string): { code: number; message: string } {
  switch (refusal) {
    case 'parse-error':
      return { code: -32700, message: 'Parse error: Invalid JSON' };
    case 'too-large':
      return { code: -32000, message: `Payload Too Large: ${detail}` };
    case 'unsupported-media-type':
      return { code: -32000, message: 'Unsupported Media Type: Content-Type must be application/json' };
    case 'bad-request':
      return { code: -32600, message: `Bad Request: ${detail}` };
    case 'internal':
      return { code: -32603, message: 'Internal server error' };
  }
}
