import {
  Backend2McpError,
  type HttpRequest,
  type RequestEncoder,
  type RouteInfo,
  toRequest,
} from '@backend2mcp/core';
import { DEFAULT_CALL_LIMITS } from '@backend2mcp/core/adapter';
import type { OperationPlan, ParameterPlan } from '../operations/operation-plan.js';
import { encodeBody } from './encode-body.js';
import {
  checkHeaderValue,
  serializeCookie,
  serializeHeader,
  serializePath,
  serializeQuery,
} from './serialize-parameter.js';

const DEFAULT_ACCEPT = 'application/json, text/plain;q=0.9, */*;q=0.8';

/** Finds the plan of a tool's route, and remembers which plan built which request (for the dispatch). */
export interface PlanRegistry {
  planOf(route: RouteInfo): OperationPlan | undefined;
  /** Records the plan behind a request built for it, so the upstream dispatch can apply its security. */
  remember(request: HttpRequest, plan: OperationPlan): void;
}

/**
 * The request encoder core calls for every tool call: it writes the call's
 * arguments the way the document says (parameter `style`/`explode`, cookies,
 * JSON, form or multipart bodies), into the path as the document writes it.
 * A route without a plan (none today) falls back to core's `toRequest`.
 */
export function createRequestEncoder(registry: PlanRegistry): RequestEncoder {
  return (tool, args, options) => {
    const plan = registry.planOf(tool.route);
    if (!plan) return toRequest(tool, args, options);
    const pathValues = new Map<string, string>();
    const query: string[] = [];
    const cookies: string[] = [];
    const headers: Record<string, string> = Object.create(null);
    headers.accept = DEFAULT_ACCEPT;
    let fields: Record<string, unknown> | undefined;
    let whole: { value: unknown } | undefined;
    const parameter = (location: string, name: string): ParameterPlan =>
      plan.parameters.get(`${location}:${name}`) ?? {
        name,
        in: location as ParameterPlan['in'],
        style: location === 'query' || location === 'cookie' ? 'form' : 'simple',
        explode: location === 'query' || location === 'cookie',
        allowReserved: false,
        json: false,
      };

    for (const binding of tool.binding.arguments) {
      if (!Object.hasOwn(args, binding.arg)) continue;
      const value = args[binding.arg];
      if (value === undefined) continue;
      switch (binding.location) {
        case 'path':
          pathValues.set(binding.name, serializePath(parameter('path', binding.name), value));
          break;
        case 'query':
          query.push(...serializeQuery(parameter('query', binding.name), value));
          break;
        case 'header':
          headers[binding.name.toLowerCase()] = serializeHeader(parameterByHeader(plan, binding.name), value);
          break;
        case 'cookie':
          cookies.push(serializeCookie(parameter('cookie', binding.name), value));
          break;
        case 'body':
          if (binding.whole) whole = { value };
          else {
            fields ??= Object.create(null) as Record<string, unknown>;
            fields[binding.name] = value;
          }
          break;
      }
    }
    if (!whole && !fields && tool.binding.arguments.some((b) => b.location === 'body' && !b.whole)) {
      fields = Object.create(null) as Record<string, unknown>;
    }
    if (cookies.length > 0) headers.cookie = cookies.join('; ');
    for (const [name, value] of Object.entries(options.headers ?? {})) {
      headers[name.toLowerCase()] = checkHeaderValue(name, value);
    }

    let body: Uint8Array | undefined;
    const payload = whole ? whole.value : fields;
    if (payload !== undefined) {
      const encoded = encodeBody(plan.body, payload);
      body = encoded.bytes;
      const limit = options.maxRequestBytes ?? DEFAULT_CALL_LIMITS.maxRequestBytes;
      if (body.byteLength > limit) {
        throw new Backend2McpError(
          'REQUEST_TOO_LARGE',
          `The request body for ${tool.name} is ${body.byteLength} bytes; the limit is ${limit} (option maxRequestBytes).`,
        );
      }
      headers['content-type'] ??= encoded.contentType;
    }

    const path = plan.path.replace(/\{([^{}]+)\}/g, (_whole, name: string) => {
      const value = pathValues.get(name);
      if (value === undefined || value === '') {
        throw new Backend2McpError(
          'INVALID_ARGUMENT',
          `Missing value for path parameter "${name}" of ${plan.path}.`,
        );
      }
      return value;
    });
    const request: HttpRequest = {
      method: tool.binding.method,
      url: query.length > 0 ? `${path}?${query.join('&')}` : path,
      headers: { ...headers },
      ...(body ? { body } : {}),
    };
    registry.remember(request, plan);
    return request;
  };
}

/** Core lower-cases header argument names; the plan keeps the document's spelling. */
function parameterByHeader(plan: OperationPlan, lowerName: string): ParameterPlan {
  for (const candidate of plan.parameters.values()) {
    if (candidate.in === 'header' && candidate.name.toLowerCase() === lowerName) return candidate;
  }
  return {
    name: lowerName,
    in: 'header',
    style: 'simple',
    explode: false,
    allowReserved: false,
    json: false,
  };
}
