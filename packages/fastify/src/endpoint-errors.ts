import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

/**
 * The mounted MCP route's error handler. Fastify parses the body before the
 * endpoint runs, so malformed JSON, a body over `bodyLimit` and an unsupported
 * content type are refused by Fastify itself; this answers them the way the MCP
 * SDK answers the same mistakes, as JSON-RPC errors a client can read, instead
 * of Fastify's own error format.
 */
export function jsonRpcErrorHandler(
  error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
): void {
  const status = error.statusCode !== undefined && error.statusCode >= 400 ? error.statusCode : 500;
  reply
    .code(status)
    .type('application/json')
    .send({ jsonrpc: '2.0', error: jsonRpcError(error, status), id: null });
}

function jsonRpcError(error: FastifyError, status: number): { code: number; message: string } {
  if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return { code: -32700, message: 'Parse error: Invalid JSON' };
  }
  if (status === 413) return { code: -32000, message: `Payload Too Large: ${error.message}` };
  if (status === 415) {
    return { code: -32000, message: 'Unsupported Media Type: Content-Type must be application/json' };
  }
  if (status < 500) return { code: -32600, message: `Bad Request: ${error.message}` };
  return { code: -32603, message: 'Internal server error' };
}
