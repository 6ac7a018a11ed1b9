import { type OpenApiDocument, operationsFromOpenApi } from '@backend2mcp/core/adapter';
import type { FoundRouteSchemas, JsonSchemaObject } from './route-schemas.js';

/** Reads the schemas and texts of the operation at a method and a Nest path template (`:id` style). */
export type OperationReader = (method: string, path: string) => FoundRouteSchemas | undefined;

/**
 * The operations of the OpenAPI document `@nestjs/swagger` builds, read by
 * core's reader (parameters by location, the request body, the first 2xx JSON
 * response, components as `$defs`; core turns OpenAPI 3.0's `nullable` into
 * JSON Schema when it builds the tools), looked up by a Nest route's method and path.
 */
export function openApiOperations(document: OpenApiDocument): OperationReader {
  const operations = operationsFromOpenApi(document);
  return (method, path) => {
    const operation = operations.get(`${method.toUpperCase()} ${toOpenApiPath(path)}`);
    if (!operation) return undefined;
    return {
      schemas: operation.schemas,
      ...(operation.bodyEncoding ? { bodyEncoding: operation.bodyEncoding } : {}),
      ...(operation.summary ? { summary: operation.summary } : {}),
      ...(operation.description ? { description: operation.description } : {}),
      ...(operation.tags?.length ? { tags: operation.tags } : {}),
    };
  };
}

/** `/cats/:id` as OpenAPI writes it: `/cats/{id}`. */
function toOpenApiPath(path: string): string {
  return path.replace(/[:*]([A-Za-z0-9_]+)/g, '{$1}');
}

/** True when a schema says something about its value (a type, properties, a reference). */
export function isInformative(schema: JsonSchemaObject | undefined): boolean {
  if (!schema) return false;
  const ref = typeof schema.$ref === 'string' ? schema.$ref.replace('#/$defs/', '') : undefined;
  if (ref !== undefined) {
    const target = (schema.$defs as Record<string, JsonSchemaObject> | undefined)?.[ref];
    return target === undefined || isInformative(target);
  }
  const properties = schema.properties as Record<string, unknown> | undefined;
  if (properties) return Object.keys(properties).length > 0;
  return Object.keys(schema).some((key) => key !== 'description' && key !== 'title');
}
