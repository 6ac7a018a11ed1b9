import type { JsonSchema, RouteSchemas } from '@backend2mcp/core';
import { inlineSharedRefs } from './shared-refs.js';

/** The `schema` option of a Fastify route, as far as backend2mcp reads it. */
export interface FastifyRouteSchema {
  params?: unknown;
  querystring?: unknown;
  query?: unknown;
  headers?: unknown;
  body?: unknown;
  response?: Record<string, unknown>;
  description?: string;
  summary?: string;
  tags?: string[];
  hide?: boolean;
}

/** A zod v4 schema (fastify-type-provider-zod): it converts itself to JSON Schema. */
interface ZodLike {
  _zod: unknown;
  toJSONSchema(params?: { io?: 'input' | 'output'; unrepresentable?: 'any' | 'throw' }): JsonSchema;
}

function isZod(value: unknown): value is ZodLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    '_zod' in value &&
    typeof (value as ZodLike).toJSONSchema === 'function'
  );
}

/**
 * Converts the schemas a Fastify route declares (JSON Schema or zod) into the
 * route schemas core builds tools from: shared `$ref`s inlined, zod converted
 * with its own `toJSONSchema` (inputs as the client sends them, the response as the
 * route returns it).
 */
export function toRouteSchemas(
  schema: FastifyRouteSchema | undefined,
  shared: Record<string, JsonSchema>,
): RouteSchemas {
  if (!schema) return {};
  // Shared schemas may be builders too (`app.addSchema(S.object().id('User'))`).
  const sharedJson: Record<string, JsonSchema> = {};
  for (const [id, value] of Object.entries(shared)) sharedJson[id] = toJsonSchema(value, 'input') ?? value;
  const convert = (value: unknown, io: 'input' | 'output') => {
    const json = toJsonSchema(value, io);
    return json ? inlineSharedRefs(json, sharedJson) : undefined;
  };
  const out: RouteSchemas = {};
  const params = convert(schema.params, 'input');
  const query = convert(schema.querystring ?? schema.query, 'input');
  const headers = convert(schema.headers, 'input');
  const body = convert(schema.body, 'input');
  const response = convert(successResponse(schema.response), 'output');
  if (params) out.params = params;
  if (query) out.query = query;
  if (headers) out.headers = headers;
  if (body) out.body = body;
  if (response) out.response = response;
  return out;
}

function toJsonSchema(value: unknown, io: 'input' | 'output'): JsonSchema | undefined {
  if (value === undefined || value === null) return undefined;
  if (isZod(value)) {
    const { $schema: _dialect, ...json } = value.toJSONSchema({ io, unrepresentable: 'any' });
    return json;
  }
  if (isFluentSchema(value)) return value.valueOf();
  return typeof value === 'object' ? asSchema(value as JsonSchema) : undefined;
}

/** A fluent-json-schema builder: Fastify reads its JSON through `valueOf()`, and so does backend2mcp. */
interface FluentSchemaLike {
  isFluentSchema: true;
  valueOf(): JsonSchema;
}

function isFluentSchema(value: unknown): value is FluentSchemaLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { isFluentSchema?: unknown }).isFluentSchema === true &&
    typeof (value as { valueOf?: unknown }).valueOf === 'function'
  );
}

/** Keywords that make an object a schema rather than a map of property names to schemas. */
const SCHEMA_KEYWORDS = new Set([
  'type',
  'properties',
  '$ref',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
  'enum',
  'const',
  'items',
  'additionalProperties',
  'patternProperties',
  'required',
  '$id',
  '$schema',
  '$defs',
  'definitions',
  'if',
  'nullable',
  'format',
  'content',
]);

/**
 * The shorthand Fastify's serializer (and, with a lenient ajv, its validator)
 * takes: `response: { 201: { id: { type: 'number' } } }`, a bare map of
 * property names to schemas standing for an object schema. Read as that object.
 */
function asSchema(value: JsonSchema): JsonSchema {
  const keys = Object.keys(value);
  if (keys.length === 0 || keys.some((key) => SCHEMA_KEYWORDS.has(key))) return value;
  const looksLikeProperties = keys.every((key) => {
    const property = value[key];
    return typeof property === 'object' && property !== null && !Array.isArray(property);
  });
  return looksLikeProperties ? { type: 'object', properties: value } : value;
}

/** The schema of the first success status: `200`, `201`, ..., then `2xx`; an OpenAPI-style `content` is unwrapped. */
function successResponse(response: Record<string, unknown> | undefined): unknown {
  if (!response) return undefined;
  const key =
    Object.keys(response)
      .filter((status) => /^2\d\d$/.test(status))
      .sort()[0] ?? (Object.hasOwn(response, '2xx') ? '2xx' : undefined);
  if (key === undefined) return undefined;
  const entry = response[key] as { content?: Record<string, { schema?: unknown }> } | undefined;
  const content = entry?.content;
  if (!content) return entry;
  // OpenAPI-style `content`: the JSON one, else the first (a CSV or binary download describes a file).
  return (content['application/json'] ?? Object.values(content)[0])?.schema;
}
