import type { FoundRouteSchemas, JsonSchemaObject } from './route-schemas.js';

/** What this package reads of the OpenAPI 3 document `@nestjs/swagger` builds. */
export interface OpenApiDocument {
  paths?: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, JsonSchemaObject> };
}

interface OpenApiParameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: JsonSchemaObject;
  description?: string;
}

interface OpenApiOperation {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: OpenApiParameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchemaObject }> };
  responses?: Record<string, { content?: Record<string, { schema?: JsonSchemaObject }> }>;
}

const PARTS = { path: 'params', query: 'query', header: 'headers' } as const;

/**
 * The schemas and texts of the operation at `method` and `path` (a Nest path
 * template, `:id` style): parameters by location, the JSON body, the first 2xx
 * JSON response. Component references become `$defs`, so each schema stands alone.
 */
export function operationSchemas(
  document: OpenApiDocument,
  method: string,
  path: string,
): FoundRouteSchemas | undefined {
  const item = document.paths?.[toOpenApiPath(path)];
  const operation = item?.[method.toLowerCase()] as OpenApiOperation | undefined;
  if (!operation) return undefined;
  const components = document.components?.schemas ?? {};
  const schemas: NonNullable<FoundRouteSchemas['schemas']> = {};
  for (const [location, part] of Object.entries(PARTS)) {
    const parameters = (operation.parameters ?? []).filter((parameter) => parameter.in === location);
    if (parameters.length === 0) continue;
    const properties: Record<string, JsonSchemaObject> = {};
    const required: string[] = [];
    for (const parameter of parameters) {
      properties[parameter.name] = {
        ...(parameter.description ? { description: parameter.description } : {}),
        ...(parameter.schema ?? {}),
      };
      if (parameter.required) required.push(parameter.name);
    }
    schemas[part] = standalone(
      { type: 'object', properties, ...(required.length ? { required } : {}) },
      components,
    );
  }
  const body = operation.requestBody?.content?.['application/json']?.schema;
  if (body) schemas.body = standalone(body, components);
  const success = Object.keys(operation.responses ?? {})
    .filter((status) => /^2\d\d$/.test(status))
    .sort()[0];
  const response = success
    ? operation.responses?.[success]?.content?.['application/json']?.schema
    : undefined;
  if (response) schemas.response = standalone(response, components);
  return {
    schemas,
    ...(operation.summary ? { summary: operation.summary } : {}),
    ...(operation.description ? { description: operation.description } : {}),
    ...(operation.tags?.length ? { tags: operation.tags } : {}),
  };
}

/** `/cats/:id` as OpenAPI writes it: `/cats/{id}`. */
function toOpenApiPath(path: string): string {
  return path.replace(/[:*]([A-Za-z0-9_]+)/g, '{$1}');
}

/**
 * The schema with `#/components/schemas/X` references rewritten to `#/$defs/X`,
 * the components it reaches attached, and OpenAPI 3.0's `nullable` turned into
 * the JSON Schema type union MCP clients understand.
 */
function standalone(
  schema: JsonSchemaObject,
  components: Record<string, JsonSchemaObject>,
): JsonSchemaObject {
  const used = new Set<string>();
  const rewrite = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/')) {
        const name = value.slice('#/components/schemas/'.length);
        if (!used.has(name) && components[name]) {
          used.add(name);
          rewrite(components[name]); // follow what the component itself reaches
        }
        out[key] = `#/$defs/${name}`;
      } else if (key !== 'nullable') {
        out[key] = rewrite(value);
      }
    }
    const nullable = (node as { nullable?: unknown; type?: unknown }).nullable === true;
    if (nullable && typeof out.type === 'string') out.type = [out.type, 'null'];
    return out;
  };
  const rewritten = rewrite(schema) as JsonSchemaObject;
  if (used.size === 0) return rewritten;
  const $defs: Record<string, unknown> = {};
  for (const name of used) $defs[name] = rewrite(components[name]);
  return { ...rewritten, $defs };
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
