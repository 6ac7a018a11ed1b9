import type { BodyEncoding, JsonSchema, RouteSchemas } from '../route.js';

/** What backend2mcp reads of an OpenAPI 3.x document. */
export interface OpenApiDocument {
  // Loose on purpose: the typed documents of @hono/zod-openapi and openapi3-ts must be assignable.
  paths?: { [path: string]: object | undefined };
  components?: { schemas?: { [name: string]: object } };
}

interface OpenApiOperation {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Array<{
    name: string;
    in: string;
    required?: boolean;
    schema?: JsonSchema;
    description?: string;
  }>;
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
}

/** What a route's OpenAPI operation says, keyed by `METHOD /path` (the path as `routePath` writes it). */
export interface OperationInfo {
  schemas: RouteSchemas;
  /** The body encoding the operation declares when it takes a form and no JSON. */
  bodyEncoding?: BodyEncoding;
  summary?: string;
  description?: string;
  tags?: string[];
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];

/**
 * Reads the schemas of every operation of an OpenAPI 3.x document (what
 * `@hono/zod-openapi` and `hono-openapi` generate from the app's own
 * validators, what a framework's OpenAPI plugin serves): path/query/header
 * parameters, the JSON request body, and the first 2xx JSON response.
 * `#/components/schemas/X` references become `#/$defs/X` with the used
 * components attached, so each schema stands on its own. Keys are
 * `METHOD path`, the OpenAPI path (`/users/{id}`) rewritten by `routePath`
 * into the form the adapter's routes use.
 */
export function operationsFromOpenApi(
  document: OpenApiDocument,
  routePath: (openApiPath: string) => string = (path) => path,
): Map<string, OperationInfo> {
  const components = (document.components?.schemas ?? {}) as Record<string, JsonSchema>;
  const operations = new Map<string, OperationInfo>();
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      const operation = (item as Record<string, unknown> | undefined)?.[method] as
        | OpenApiOperation
        | undefined;
      if (!operation || typeof operation !== 'object') continue;
      const encoding = requestBodyOf(operation)?.encoding;
      operations.set(`${method.toUpperCase()} ${routePath(path)}`, {
        schemas: schemasOf(operation, components),
        ...(encoding && encoding !== 'json' ? { bodyEncoding: encoding } : {}),
        ...(operation.summary ? { summary: operation.summary } : {}),
        ...(operation.description ? { description: operation.description } : {}),
        ...(operation.tags ? { tags: operation.tags } : {}),
      });
    }
  }
  return operations;
}

function schemasOf(operation: OpenApiOperation, components: Record<string, JsonSchema>): RouteSchemas {
  const schemas: RouteSchemas = {};
  for (const location of ['path', 'query', 'header'] as const) {
    const parameters = (operation.parameters ?? []).filter((parameter) => parameter.in === location);
    if (parameters.length === 0) continue;
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const parameter of parameters) {
      const schema = { ...(parameter.schema ?? {}) };
      if (parameter.description && schema.description === undefined)
        schema.description = parameter.description;
      properties[parameter.name] = schema;
      if (parameter.required) required.push(parameter.name);
    }
    const object = withComponents(
      { type: 'object', properties, ...(required.length ? { required } : {}) },
      components,
    );
    if (location === 'path') schemas.params = object;
    else if (location === 'query') schemas.query = object;
    else schemas.headers = object;
  }
  const body = requestBodyOf(operation);
  if (body) schemas.body = withComponents(body.schema, components);
  const success = Object.keys(operation.responses ?? {})
    .filter((status) => /^2\d\d$/.test(status))
    .sort()[0];
  const response = success
    ? operation.responses?.[success]?.content?.['application/json']?.schema
    : undefined;
  if (response) schemas.response = withComponents(response, components);
  return schemas;
}

/**
 * The request body schema an operation declares: JSON first; else a form
 * (`application/x-www-form-urlencoded`) or `multipart/form-data` one, which the
 * app reads with `c.req.parseBody()` and must be sent as such.
 */
function requestBodyOf(
  operation: OpenApiOperation,
): { schema: JsonSchema; encoding: BodyEncoding } | undefined {
  const content = operation.requestBody?.content;
  const json = content?.['application/json']?.schema;
  if (json) return { schema: json, encoding: 'json' };
  const form = content?.['application/x-www-form-urlencoded']?.schema;
  if (form) return { schema: form, encoding: 'form' };
  const multipart = content?.['multipart/form-data']?.schema;
  return multipart ? { schema: multipart, encoding: 'multipart' } : undefined;
}

/**
 * Rewrites component references to `$defs` and attaches the components reachable from the schema.
 * hono-openapi writes a zod schema that contains itself as `#/components/schemas/#` (zod's own `#`
 * with the components prefix), a component no document has: it is the schema itself, and becomes
 * the `#` reference core anchors.
 */
function withComponents(schema: JsonSchema, components: Record<string, JsonSchema>): JsonSchema {
  const used = new Set<string>();
  const rewrite = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && value === '#/components/schemas/#' && !Object.hasOwn(components, '#')) {
        out[key] = '#';
      } else if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/')) {
        const name = value.slice('#/components/schemas/'.length);
        if (!used.has(name) && components[name]) {
          used.add(name);
          rewrite(components[name]); // collect what the component itself uses
        }
        out[key] = `#/$defs/${name}`;
      } else out[key] = rewrite(value);
    }
    return out;
  };
  const rewritten = rewrite(schema) as JsonSchema;
  if (used.size === 0) return rewritten;
  const $defs: Record<string, JsonSchema> = {};
  for (const name of used) $defs[name] = rewrite(components[name]) as JsonSchema;
  return { ...rewritten, $defs };
}
