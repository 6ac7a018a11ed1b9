import type { HttpMethod } from '@backend2mcp/core';
import { decodePointer } from '../document/swagger2.js';
import {
  isObject,
  type JsonObject,
  type OpenApiDocument,
  type OpenApiOperation,
  type OpenApiParameter,
  type OpenApiRequestBody,
  type OpenApiResponse,
  type SecurityRequirement,
} from '../document/types.js';

/** One operation of the document, with its references to shared parameters, bodies and responses resolved. */
export interface Operation {
  method: HttpMethod;
  /** The path as the document writes it, e.g. `/users/{id}`. */
  path: string;
  operationId?: string;
  summary?: string;
  description?: string;
  tags: string[];
  deprecated: boolean;
  /** Path-level and operation-level parameters, the operation's winning on the same name and location. */
  parameters: OpenApiParameter[];
  requestBody?: OpenApiRequestBody;
  responses: Record<string, OpenApiResponse>;
  /** The operation's security requirements, or the document's when it declares none. */
  security: SecurityRequirement[];
}

const METHODS: ReadonlyArray<[string, HttpMethod]> = [
  ['get', 'GET'],
  ['post', 'POST'],
  ['put', 'PUT'],
  ['patch', 'PATCH'],
  ['delete', 'DELETE'],
  ['head', 'HEAD'],
  ['options', 'OPTIONS'],
];

/** Every operation of the document, in document order. */
export function listOperations(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  const resolve = <T>(value: unknown): T | undefined => resolveRef(document, value) as T | undefined;
  for (const [path, rawItem] of Object.entries(document.paths ?? {})) {
    const item = resolve<JsonObject>(rawItem);
    if (!isObject(item)) continue;
    const shared = parameterList(item.parameters, resolve);
    for (const [key, method] of METHODS) {
      const operation = item[key] as OpenApiOperation | undefined;
      if (!isObject(operation)) continue;
      const byKey = new Map<string, OpenApiParameter>();
      for (const parameter of [...shared, ...parameterList(operation.parameters, resolve)]) {
        byKey.set(`${parameter.in}:${parameter.name}`, parameter);
      }
      const responses: Record<string, OpenApiResponse> = {};
      for (const [status, response] of Object.entries(
        isObject(operation.responses) ? operation.responses : {},
      )) {
        const resolved = resolve<OpenApiResponse>(response);
        if (isObject(resolved)) responses[status] = resolved;
      }
      const requestBody = resolve<OpenApiRequestBody>(operation.requestBody);
      operations.push({
        method,
        path,
        ...(typeof operation.operationId === 'string' ? { operationId: operation.operationId } : {}),
        ...(typeof operation.summary === 'string' ? { summary: operation.summary } : {}),
        ...(typeof operation.description === 'string' ? { description: operation.description } : {}),
        tags: Array.isArray(operation.tags) ? operation.tags.map(String) : [],
        deprecated: operation.deprecated === true,
        parameters: [...byKey.values()],
        ...(isObject(requestBody) ? { requestBody } : {}),
        responses,
        security: Array.isArray(operation.security) ? operation.security : (document.security ?? []),
      });
    }
  }
  return operations;
}

function parameterList(value: unknown, resolve: <T>(value: unknown) => T | undefined): OpenApiParameter[] {
  if (!Array.isArray(value)) return [];
  return value
    .map((entry) => resolve<OpenApiParameter>(entry))
    .filter(
      (parameter): parameter is OpenApiParameter =>
        isObject(parameter) &&
        typeof parameter.name === 'string' &&
        ['path', 'query', 'header', 'cookie'].includes(String(parameter.in)),
    );
}

/** Follows local `$ref`s (`#/components/parameters/...`) to their target, a few hops at most. */
export function resolveRef(document: unknown, value: unknown): unknown {
  let current = value;
  for (let hop = 0; hop < 8 && isObject(current) && typeof current.$ref === 'string'; hop++) {
    const ref = current.$ref;
    if (!ref.startsWith('#/')) return undefined;
    let target: unknown = document;
    for (const token of ref.slice(2).split('/')) {
      const key = decodePointer(token);
      target = isObject(target) && Object.hasOwn(target, key) ? target[key] : undefined;
    }
    current = target;
  }
  return current;
}
