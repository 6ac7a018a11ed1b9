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
  return readOpenApiOperations(document, openApiPathToHono);
}
