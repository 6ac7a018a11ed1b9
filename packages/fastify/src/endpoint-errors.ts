import { type EndpointRefusal, endpointRefusalBody } from '@backend2mcp/core/adapter';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

/**
 * The mounted MCP route's error handler. Fastify parses the body before the
 * endpoint runs, so malformed JSON, a body over `bodyLimit` and an unsupported
 * content type are refused by Fastify itself; this answers them the way the MCP
 * SDK answers the same mistakes (core's `endpointRefusalBody`), as JSON-RPC
 * errors a client can read, instead of Fastify's own error format.
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
    .send(endpointRefusalBody(refusalOf(error, status), error.message));
}

/** What Fastify's error means for the endpoint (its codes: fastify/lib/errors.js). */
function refusalOf(error: FastifyError, status: number): EndpointRefusal {
  if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return 'parse-error';
  }
  if (status === 413) return 'too-large';
  if (status === 415) return 'unsupported-media-type';
  if (status < 500) return 'bad-request';
  return 'internal';
}
