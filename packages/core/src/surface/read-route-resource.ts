import { ProtocolError, ProtocolErrorCode, type ReadResourceResult } from '@modelcontextprotocol/server';
import { callSignal } from '../abort.js';
import { classifyBody, mediaType } from '../content-type.js';
import { toBase64, toText } from '../encoding.js';
import type { Dispatch } from '../http.js';
import { checkRequestBounds } from '../request-bounds.js';
import { expectationFor, type RouteReach, routeBoundaryError } from '../route-boundary.js';
import type { RequestEncoder } from '../server-options.js';
import { toRequest } from '../to-request.js';
import { statusLine } from '../to-result.js';
import type { RouteResource } from './route-resources.js';

/** MCP's "resource not found" error code. */
const RESOURCE_NOT_FOUND = -32002;

/** Everything a resource read needs besides the resource and its URI. */
export interface ReadEnvironment {
  dispatch: Dispatch;
  /** Builds the request from the arguments; default core's `toRequest`. */
  encodeRequest?: RequestEncoder;
  timeoutMs: number;
  maxResponseBytes: number;
  /** Longest URL of the dispatched GET; default `DEFAULT_CALL_LIMITS.maxUrlBytes`. */
  maxUrlBytes?: number;
  /** Largest header section of the dispatched GET; default `DEFAULT_CALL_LIMITS.maxHeaderBytes`. */
  maxHeaderBytes?: number;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** The adapter's route-boundary check before dispatch (`RouteSource.reaches`). */
  reaches?: RouteReach;
}

/**
 * Reads a route resource: fills the route's path params from the template
 * variables, dispatches the GET in process and returns its body as text (JSON,
 * text, XML ...) or base64 blob, with the response's media type. A 404 is
 * MCP's resource-not-found error; any other error status is an internal error
 * naming the status.
 */
export async function readRouteResource(
  resource: RouteResource,
  uri: string,
  variables: Record<string, string | string[]>,
  environment: ReadEnvironment,
): Promise<ReadResourceResult> {
  const args: Record<string, unknown> = {};
  for (const binding of resource.tool.binding.arguments) {
    if (binding.location === 'path' && variables[binding.name] !== undefined) {
      const value = variables[binding.name];
      args[binding.arg] = Array.isArray(value) ? value.join('/') : value;
    }
  }
  const encode = environment.encodeRequest ?? toRequest;
  const request = encode(resource.tool, args, environment.headers ? { headers: environment.headers } : {});
  const route = resource.tool.route;
  const refused = () =>
    new ProtocolError(ProtocolErrorCode.InvalidParams, routeBoundaryError(resource.name, route).message, {
      uri,
    });
  try {
    checkRequestBounds(request, environment, resource.name);
  } catch (error) {
    // A template variable made the URL too long: the caller's URI is at fault, not the server.
    throw new ProtocolError(ProtocolErrorCode.InvalidParams, (error as Error).message, { uri });
  }
  if (environment.reaches && !environment.reaches(request.method, request.url, route)) throw refused();
  const expectation = expectationFor(route);
  const call = callSignal(environment.timeoutMs, environment.signal);
  const response = await environment
    .dispatch(request, { signal: call.signal, expectation, maxResponseBytes: environment.maxResponseBytes })
    .catch((error: unknown) => {
      throw expectation.refused ? refused() : error;
    })
    .finally(() => call.dispose());
  if (expectation.refused) throw refused();
  if (response.status === 404) {
    throw new ProtocolError(RESOURCE_NOT_FOUND as ProtocolErrorCode, `Resource not found: ${uri}`, { uri });
  }
  if (response.status >= 400) {
    const detail = toText(response.body).slice(0, 500);
    throw new ProtocolError(
      ProtocolErrorCode.InternalError,
      `Reading ${uri} failed: ${statusLine(response.status)}${detail ? `: ${detail}` : ''}`,
    );
  }
  const contentType = response.headers['content-type'];
  const mimeType = mediaType(contentType) || resource.mimeType || 'text/plain';
  const kind = classifyBody(contentType, response.body);
  const textual = kind === 'json' || kind === 'text' || kind === 'empty';
  return {
    contents: [
      textual
        ? { uri, mimeType, text: toText(response.body) }
        : { uri, mimeType, blob: toBase64(response.body) },
    ],
  };
}
