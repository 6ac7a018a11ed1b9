import type { HttpMethod } from './http.js';
import type { PathTemplate, TemplateParam } from './path-template.js';
import type { JsonSchema, RouteInfo } from './route.js';
import { dereferenceRoot } from './schema-ref.js';
import type { ArgumentBinding, ArgumentLocation } from './tool-spec.js';

/** The tool's input schema and the parameter map that sends each argument back to its place. */
export interface BuiltInput {
  inputSchema: JsonSchema;
  arguments: ArgumentBinding[];
}

/** Methods whose requests carry a body by default when the route declares no body schema. */
const BODY_METHODS: ReadonlySet<HttpMethod> = new Set(['POST', 'PUT', 'PATCH']);

/** A pattern Express 4 routes use for numeric ids, which makes the param an integer. */
const INTEGER_PATTERN = /^\\d\+$|^\[0-9\]\+$/;

interface Field {
  name: string;
  location: ArgumentLocation;
  schema: JsonSchema;
  required: boolean;
  whole?: boolean;
}

/**
 * Builds a route's input schema (JSON Schema 2020-12) from its path template and
 * the schemas it declares. Path params come first, then query, headers and body,
 * and that order decides who keeps a contested argument name: a later field is
 * renamed `<location>_<name>` (`body_id`). Object bodies are flattened into
 * top-level arguments; any other body is one `body` argument.
 */
export function buildInput(route: RouteInfo, template: PathTemplate): BuiltInput {
  const fields: Field[] = [
    ...pathFields(route, template.params),
    ...queryFields(route),
    ...objectFields(route.schemas?.headers, 'header', (name) => name.toLowerCase()),
    ...objectFields(route.schemas?.cookies, 'cookie', (name) => name),
    ...bodyFields(route),
  ];

  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  const bindings: ArgumentBinding[] = [];
  const renamed = new Set<ArgumentLocation>();
  for (const field of fields) {
    const arg = uniqueArgName(field, properties);
    if (arg !== field.name) renamed.add(field.location);
    setOwn(properties, arg, field.schema);
    if (field.required) required.push(arg);
    bindings.push({
      arg,
      location: field.location,
      name: field.name,
      ...(field.whole ? { whole: true } : {}),
    });
  }

  const dialect = declaredDialect(route);
  const inputSchema: JsonSchema = { ...(dialect ? { $schema: dialect } : {}), type: 'object', properties };
  if (required.length > 0) inputSchema.required = required;
  inputSchema.additionalProperties = false;
  const constraints = objectConstraints(route, renamed);
  if (constraints.length === 1) Object.assign(inputSchema, constraints[0]);
  else if (constraints.length > 1) inputSchema.allOf = constraints;
  const defs = collectDefs(route);
  if (defs) inputSchema.$defs = defs;
  return { inputSchema, arguments: bindings };
}

/** `record[name]` when it is the record's own entry (never an inherited one such as `__proto__`). */
function ownValue<T>(record: Record<string, T> | undefined, name: string): T | undefined {
  return record && Object.hasOwn(record, name) ? record[name] : undefined;
}

/**
 * Adds a property as plain data. A name the app chose (a body field, a `$defs`
 * key) may be `__proto__`; assigning it would replace the object's prototype
 * and drop the field from the schema instead.
 */
function setOwn(target: Record<string, unknown>, name: string, value: unknown): void {
  Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
}

function uniqueArgName(field: Field, taken: Record<string, unknown>): string {
  if (!Object.hasOwn(taken, field.name)) return field.name;
  const base = `${field.location}_${field.name}`;
  let candidate = base;
  for (let n = 2; Object.hasOwn(taken, candidate); n++) candidate = `${base}_${n}`;
  return candidate;
}

function pathFields(route: RouteInfo, params: TemplateParam[]): Field[] {
  const declared = propertiesOf(route.schemas?.params);
  return params.map((param) => ({
    name: param.name,
    location: 'path' as const,
    required: !param.optional,
    schema:
      ownValue(declared, param.name) ?? templateParamSchema(param, ownValue(route.paramPatterns, param.name)),
  }));
}

function templateParamSchema(param: TemplateParam, pattern: string | undefined): JsonSchema {
  if (param.kind === 'wildcard') {
    return {
      type: 'string',
      description: `Rest of the path; may contain "/" (each segment is URL-encoded).`,
    };
  }
  if (pattern !== undefined && INTEGER_PATTERN.test(pattern)) return { type: 'integer', minimum: 0 };
  if (pattern !== undefined) return { type: 'string', pattern: `^(?:${pattern})$` };
  return { type: 'string' };
}

function queryFields(route: RouteInfo): Field[] {
  const schema = route.schemas?.query;
  if (schema) return objectFields(schema, 'query', (name) => name);
  if (declaresInputs(route)) return [];
  return [
    {
      name: 'query',
      location: 'query',
      whole: true,
      required: false,
      schema: {
        type: 'object',
        description:
          'Query-string parameters, e.g. {"page": 2, "tag": ["a", "b"]}. Arrays repeat the key; nested objects use key[sub]=value.',
        additionalProperties: true,
      },
    },
  ];
}

function bodyFields(route: RouteInfo): Field[] {
  const declared = route.schemas?.body;
  const schema = declared ? dereferenceRoot(declared) : undefined;
  if (schema && isObjectSchema(schema)) return objectFields(schema, 'body', (name) => name);
  if (schema)
    return [{ name: 'body', location: 'body', whole: true, required: true, schema: stripDefs(schema) }];
  if (!BODY_METHODS.has(route.method) || declaresInputs(route)) return [];
  return [
    {
      name: 'body',
      location: 'body',
      whole: true,
      required: false,
      // A type, because several clients and model providers refuse a property schema without one.
      schema: { type: 'object', description: 'JSON request body.', additionalProperties: true },
    },
  ];
}

/**
 * A route that declares any input schema has declared its contract: the parts
 * it left out (query, body) get no free-form argument. A route that declares
 * none gets a free-form `query` object and, for POST/PUT/PATCH, a free-form `body`.
 */
function declaresInputs(route: RouteInfo): boolean {
  const schemas = route.schemas;
  return Boolean(schemas?.params || schemas?.query || schemas?.headers || schemas?.cookies || schemas?.body);
}

function objectFields(
  schema: JsonSchema | undefined,
  location: ArgumentLocation,
  normalise: (name: string) => string,
): Field[] {
  if (!schema) return [];
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  return Object.entries(propertiesOf(schema)).map(([name, property]) => ({
    name: normalise(name),
    location,
    schema: property,
    required: required.has(name),
  }));
}

function isObjectSchema(schema: JsonSchema): boolean {
  return (schema.type === 'object' || schema.type === undefined) && typeof schema.properties === 'object';
}

function propertiesOf(schema: JsonSchema | undefined): Record<string, JsonSchema> {
  const properties = schema?.properties;
  return properties && typeof properties === 'object' ? (properties as Record<string, JsonSchema>) : {};
}

function stripDefs(schema: JsonSchema): JsonSchema {
  const { $defs: _defs, definitions: _definitions, $schema: _schema, ...rest } = schema;
  return rest;
}

/**
 * Keywords that constrain an object as a whole (which fields go together, which
 * exclude each other). When an object schema is flattened into arguments they
 * still hold, now over the arguments.
 */
const OBJECT_CONSTRAINTS = [
  'allOf',
  'anyOf',
  'oneOf',
  'not',
  'if',
  'then',
  'else',
  'dependentRequired',
  'dependentSchemas',
] as const;

/**
 * The whole-object constraints of each flattened schema (query, headers, object
 * body), to carry to the input schema's root: as they are when one schema has
 * any, as `allOf` entries when several do. A schema some of whose fields were
 * renamed (`body_id`) or re-cased (headers) keeps its constraints to itself,
 * since they name fields by their old names; the app still enforces them.
 */
function objectConstraints(route: RouteInfo, renamed: ReadonlySet<ArgumentLocation>): JsonSchema[] {
  const body = route.schemas?.body ? dereferenceRoot(route.schemas.body) : undefined;
  const headers = route.schemas?.headers;
  const sources: [JsonSchema | undefined, boolean][] = [
    [route.schemas?.query, !renamed.has('query')],
    [
      headers,
      !renamed.has('header') &&
        Object.keys(propertiesOf(headers)).every((name) => name === name.toLowerCase()),
    ],
    [body && isObjectSchema(body) ? body : undefined, !renamed.has('body')],
  ];
  const lifted: JsonSchema[] = [];
  for (const [schema, keepsNames] of sources) {
    if (!schema || !keepsNames) continue;
    const constraints: JsonSchema = {};
    for (const keyword of OBJECT_CONSTRAINTS) {
      if (schema[keyword] !== undefined) constraints[keyword] = schema[keyword];
    }
    if (Object.keys(constraints).length > 0) lifted.push(constraints);
  }
  return lifted;
}

/** The JSON Schema 2020-12 dialect URI, the one MCP tool schemas use. */
const DIALECT_2020_12 = 'https://json-schema.org/draft/2020-12/schema';

/**
 * The input schema names its dialect (`$schema`) when the route's own schemas do
 * and all say JSON Schema 2020-12: the app's declaration is kept, never invented.
 * Any other dialect is left out, since the generated schema is 2020-12 whatever
 * its parts were written in.
 */
function declaredDialect(route: RouteInfo): string | undefined {
  const declared = [
    route.schemas?.params,
    route.schemas?.query,
    route.schemas?.headers,
    route.schemas?.cookies,
    route.schemas?.body,
  ]
    .map((schema) => schema?.$schema)
    .filter((value) => value !== undefined);
  if (declared.length === 0) return undefined;
  return declared.every((value) => value === DIALECT_2020_12 || value === `${DIALECT_2020_12}#`)
    ? DIALECT_2020_12
    : undefined;
}

/**
 * Lifts `$defs` of the route's schemas to the input schema's root, where the
 * `#/$defs/...` references of flattened properties still resolve.
 */
function collectDefs(route: RouteInfo): Record<string, JsonSchema> | undefined {
  let defs: Record<string, JsonSchema> | undefined;
  for (const schema of [
    route.schemas?.params,
    route.schemas?.query,
    route.schemas?.headers,
    route.schemas?.cookies,
    route.schemas?.body,
  ]) {
    const own = schema?.$defs;
    if (!own || typeof own !== 'object') continue;
    defs ??= {};
    for (const [key, value] of Object.entries(own as Record<string, JsonSchema>)) {
      if (!Object.hasOwn(defs, key)) setOwn(defs, key, value);
    }
  }
  return defs;
}
