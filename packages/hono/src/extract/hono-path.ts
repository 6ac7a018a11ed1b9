import type { JsonSchema } from '@backend2mcp/core';
import {
  type OpenApiDocument,
  type OperationInfo,
  operationsFromOpenApi as readOpenApiOperations,
  translateColonPath,
} from '@backend2mcp/core/adapter';

export type { OpenApiDocument, OperationInfo };

/** A Hono route path translated into a path-to-regexp v8 template (the syntax core speaks). */
export interface TranslatedHonoPath {
  template: string;
  paramPatterns?: Record<string, string>;
}

/**
 * Hono path -> template:
 *
 * | Hono | template | notes |
 * | --- | --- | --- |
 * | `/users/:id` | `/users/:id` | |
 * | `/users/:id?` | `/users{/:id}` | optional |
 * | `/items/:id{[0-9]+}` | `/items/:id` | pattern kept in `paramPatterns` (`[0-9]+` makes it an integer) |
 * | `/files/*` | `/files/*wildcard` | |
 */
export function translateHonoPath(path: string): TranslatedHonoPath {
  return translateColonPath(path, '{}');
}

/** OpenAPI's `/users/{id}` as Hono writes it, `/users/:id`, to match a document's operations to routes. */
export function openApiPathToHono(path: string): string {
  return path.replace(/\{([^}]+)\}/g, ':$1');
}

/**
 * The schemas of every operation of the app's OpenAPI document, keyed by
 * `METHOD /hono/:path` (core's OpenAPI reader, with Hono's path syntax).
 */
export function operationsFromOpenApi(document: OpenApiDocument): Map<string, OperationInfo> {
  const operations = readOpenApiOperations(document, openApiPathToHono);
  for (const operation of operations.values()) {
    if (operation.schemas.params) operation.schemas.params = withoutNullPathParams(operation.schemas.params);
  }
  return operations;
}

/**
 * A path segment is never null, but @hono/zod-openapi writes a coerced param
 * (`z.coerce.number().int()`) as `type: ["integer", "null"]`: published as is,
 * strict clients warn about the union and a model may send `null`, which
 * would fill the path with the text "null". The `null` is dropped.
 */
function withoutNullPathParams(params: JsonSchema): JsonSchema {
  const properties = params.properties as Record<string, JsonSchema> | undefined;
  if (!properties) return params;
  const cleaned: Record<string, JsonSchema> = {};
  for (const [name, schema] of Object.entries(properties)) {
    const { nullable: _nullable, ...rest } = schema;
    if (Array.isArray(rest.type) && rest.type.includes('null')) {
      const types = rest.type.filter((type) => type !== 'null');
      if (types.length > 0) rest.type = types.length === 1 ? types[0] : types;
    }
    cleaned[name] = rest;
  }
  return { ...params, properties: cleaned };
}
