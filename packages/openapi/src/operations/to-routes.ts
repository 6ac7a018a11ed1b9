import type { JsonSchema, RouteInfo, RouteSchemas, SkippedRoute } from '@backend2mcp/core';
import { isObject, type JsonObject, type OpenApiDocument, type OpenApiParameter } from '../document/types.js';
import type { SchemaConverter, SchemaMode } from '../schema/convert-schema.js';
import type { BodyPlan, OperationPlan, ParameterPlan } from './operation-plan.js';
import type { Operation } from './operations.js';
import { openApiPathToTemplate } from './path-template.js';

/** Options for {@link operationsToRoutes}. */
export interface RouteOptions {
  /** Name tools after `operationId` (default) or after method and path like the in-process adapters. */
  toolNames?: 'operationId' | 'path';
}

/** The routes core builds tools from, and the plan of each (found by the route object). */
export interface OperationRoutes {
  routes: RouteInfo[];
  /** The plan of each route, by {@link planKey} (core hands encoders copies of routes, with normalised schemas). */
  plans: Map<string, OperationPlan>;
  skipped: SkippedRoute[];
}

/** Header parameters OpenAPI says to ignore: the transport or a security scheme sets them. */
const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);
const TOOL_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * Each operation as a core {@link RouteInfo}: its parameters and body as the
 * route's schemas (JSON Schema 2020-12, shared components in `$defs`), its
 * summary as title, its tags, its `operationId` as tool name. Parameters that
 * carry credentials (those a security scheme names, and `Authorization`) never
 * become arguments: the upstream dispatch sets them from configuration.
 */
export function operationsToRoutes(
  document: OpenApiDocument,
  operations: readonly Operation[],
  converter: SchemaConverter,
  options: RouteOptions = {},
): OperationRoutes {
  const credentialParameters = credentialParameterKeys(document);
  const routes: RouteInfo[] = [];
  const plans = new Map<string, OperationPlan>();
  const skipped: SkippedRoute[] = [];
  const usedNames = new Set<string>();
  for (const operation of operations) {
    const label = `${operation.method} ${operation.path}`;
    let path: string;
    try {
      path = openApiPathToTemplate(operation.path);
    } catch (error) {
      skipped.push({ route: label, reason: (error as Error).message });
      continue;
    }
    const inputRefs = new Set<string>();
    const parameterPlans = new Map<string, ParameterPlan>();
    const groups: Record<OpenApiParameter['in'], { properties: JsonObject; required: string[] }> = {
      path: { properties: {}, required: [] },
      query: { properties: {}, required: [] },
      header: { properties: {}, required: [] },
      cookie: { properties: {}, required: [] },
    };
    for (const parameter of operation.parameters) {
      const key = `${parameter.in}:${parameter.in === 'header' ? parameter.name.toLowerCase() : parameter.name}`;
      if (credentialParameters.has(key)) continue;
      if (parameter.in === 'header' && IGNORED_HEADERS.has(parameter.name.toLowerCase())) continue;
      const { schema, json } = parameterSchema(parameter, converter, inputRefs);
      const group = groups[parameter.in];
      setOwn(group.properties, parameter.name, schema);
      if (parameter.required || parameter.in === 'path') group.required.push(parameter.name);
      parameterPlans.set(`${parameter.in}:${parameter.name}`, planParameter(parameter, json));
    }
    const schemas: RouteSchemas = {};
    const objectOf = (group: { properties: JsonObject; required: string[] }): JsonSchema | undefined =>
      Object.keys(group.properties).length === 0
        ? undefined
        : {
            type: 'object',
            properties: group.properties,
            ...(group.required.length > 0 ? { required: group.required } : {}),
          };
    const params = objectOf(groups.path);
    const query = objectOf(groups.query);
    const headers = objectOf(groups.header);
    const cookies = objectOf(groups.cookie);
    if (params) schemas.params = params;
    if (query) schemas.query = query;
    if (headers) schemas.headers = headers;
    if (cookies) schemas.cookies = cookies;

    const body = requestBody(operation, converter, inputRefs);
    if (body) schemas.body = body.schema;
    // Shared components go where core lifts them from: the body when there is one (a body whose
    // root is a reference is resolved against them), else the first declared part.
    const inputDefs = converter.defsFor(inputRefs, 'input');
    const holder = schemas.body ?? schemas.params ?? schemas.query ?? schemas.headers ?? schemas.cookies;
    if (inputDefs && holder) holder.$defs = inputDefs;
    if (!holder) schemas.params = { type: 'object', properties: {} }; // declares "no inputs"

    // Published as the tool's outputSchema per core's rule (option outputSchemas, docs/tool-model.md).
    const response = responseSchema(operation, converter);
    if (response) schemas.response = response;

    const name = toolName(operation, options, usedNames);
    const route: RouteInfo = {
      method: operation.method,
      path,
      schemas,
      ...(operation.summary ? { summary: operation.summary } : {}),
      description: describe(operation),
      tags: operation.tags,
      ...(name ? { meta: { name } } : {}),
      source: `OpenAPI ${label}${operation.operationId ? ` (${operation.operationId})` : ''}`,
    };
    routes.push(route);
    plans.set(planKey(route), {
      path: operation.path,
      parameters: parameterPlans,
      ...(body ? { body: body.plan } : {}),
      security: operation.security,
    });
  }
  return { routes, plans, skipped };
}

function describe(operation: Operation): string {
  const parts = [operation.description ?? operation.summary ?? `${operation.method} ${operation.path}`];
  if (operation.deprecated) parts.push('Deprecated.');
  return parts.join('\n\n');
}

function toolName(operation: Operation, options: RouteOptions, used: Set<string>): string | undefined {
  if (options.toolNames === 'path' || !operation.operationId) return undefined;
  const name = operation.operationId.replace(/[^A-Za-z0-9_.-]/g, '_');
  // Too long for clients (they cut at 64) or taken: core's readable method+path name instead.
  if (!TOOL_NAME.test(name) || used.has(name)) return undefined;
  used.add(name);
  return name;
}

/** `<in>:<name>` of every parameter an apiKey security scheme defines (header names lower-cased). */
function credentialParameterKeys(document: OpenApiDocument): Set<string> {
  const keys = new Set<string>();
  for (const scheme of Object.values(document.components?.securitySchemes ?? {})) {
    if (isObject(scheme) && scheme.type === 'apiKey' && typeof scheme.name === 'string') {
      keys.add(`${scheme.in}:${scheme.in === 'header' ? scheme.name.toLowerCase() : scheme.name}`);
    }
  }
  return keys;
}

function parameterSchema(
  parameter: OpenApiParameter,
  converter: SchemaConverter,
  refs: Set<string>,
): { schema: JsonSchema; json: boolean } {
  let source: unknown = parameter.schema;
  let json = false;
  if (source === undefined && isObject(parameter.content)) {
    source = Object.values(parameter.content)[0]?.schema;
    json = true;
  }
  const converted = converter.convert(source ?? { type: 'string' }, 'input');
  for (const ref of converted.refs) refs.add(ref);
  const schema = { ...converted.schema };
  if (parameter.description && schema.description === undefined) schema.description = parameter.description;
  if (parameter.deprecated) schema.deprecated = true;
  return { schema, json };
}

function planParameter(parameter: OpenApiParameter, json: boolean): ParameterPlan {
  const style =
    parameter.style ?? (parameter.in === 'query' || parameter.in === 'cookie' ? 'form' : 'simple');
  return {
    name: parameter.name,
    in: parameter.in,
    style,
    explode: parameter.explode ?? style === 'form',
    allowReserved: parameter.allowReserved === true,
    json,
  };
}

const JSON_MEDIA = /^application\/(?:[\w.+-]+\+)?json\b/i;

/** The request body in the most useful media type it offers: JSON, then forms, then text, then bytes. */
function requestBody(
  operation: Operation,
  converter: SchemaConverter,
  refs: Set<string>,
): { schema: JsonSchema; plan: BodyPlan } | undefined {
  const content = operation.requestBody?.content;
  if (!isObject(content)) return undefined;
  const types = Object.keys(content);
  const pick =
    types.find((type) => JSON_MEDIA.test(type)) ??
    types.find((type) => type.startsWith('application/x-www-form-urlencoded')) ??
    types.find((type) => type.startsWith('multipart/form-data')) ??
    types.find((type) => type.startsWith('text/')) ??
    types[0];
  if (pick === undefined) return undefined;
  const mediaType = pick === '*/*' ? 'application/octet-stream' : pick;
  const declared = content[pick]?.schema;
  const kind: BodyPlan['kind'] = JSON_MEDIA.test(mediaType)
    ? 'json'
    : mediaType.startsWith('application/x-www-form-urlencoded')
      ? 'form'
      : mediaType.startsWith('multipart/form-data')
        ? 'multipart'
        : mediaType.startsWith('text/')
          ? 'text'
          : 'binary';
  const binaryFields = new Set<string>();
  let schema: JsonSchema;
  if (kind === 'text') {
    schema = { type: 'string', description: `Request body (${mediaType}).` };
  } else if (kind === 'binary') {
    schema = {
      type: 'string',
      contentEncoding: 'base64',
      description: `Request body (${mediaType}), base64-encoded.`,
    };
  } else {
    const converted = converter.convertInlined(declared ?? {}, 'input');
    for (const ref of converted.refs) refs.add(ref);
    schema = converted.schema;
    if (kind === 'multipart') schema = withBase64Files(schema, binaryFields);
  }
  if (operation.requestBody?.description && schema.description === undefined) {
    schema = { ...schema, description: operation.requestBody.description };
  }
  return { schema, plan: { mediaType, kind, binaryFields } };
}

/** Multipart file fields (`format: binary`) take base64 text, the only way JSON arguments carry bytes. */
function withBase64Files(schema: JsonSchema, binaryFields: Set<string>): JsonSchema {
  if (!isObject(schema.properties)) return schema;
  const properties: JsonObject = {};
  for (const [name, property] of Object.entries(schema.properties)) {
    const isFile = isObject(property) && property.format === 'binary';
    if (isFile) binaryFields.add(name);
    setOwn(
      properties,
      name,
      isFile
        ? {
            type: 'string',
            contentEncoding: 'base64',
            description: `${typeof property.description === 'string' ? `${property.description} ` : ''}(file content, base64-encoded)`,
          }
        : property,
    );
  }
  return { ...schema, properties };
}

/** The first 2xx response's JSON schema, with the components it needs as `$defs`. */
function responseSchema(operation: Operation, converter: SchemaConverter): JsonSchema | undefined {
  const statuses = Object.keys(operation.responses)
    .filter((status) => /^2(\d\d|XX)$/i.test(status))
    .sort();
  for (const status of statuses) {
    const content = operation.responses[status]?.content;
    if (!isObject(content)) return undefined;
    const type = Object.keys(content).find((candidate) => JSON_MEDIA.test(candidate));
    const declared = type === undefined ? undefined : content[type]?.schema;
    if (!isObject(declared) || Object.keys(declared).length === 0) return undefined;
    const converted = converter.convertInlined(declared, 'output');
    const defs = converter.defsFor(converted.refs, 'output');
    return defs ? { ...converted.schema, $defs: defs } : converted.schema;
  }
  return undefined;
}

/**
 * Sets a key as plain data. Only `__proto__` needs `defineProperty` (assigning it would replace
 * the prototype and drop the field); every other key is assigned, which is far cheaper on large documents.
 */
function setOwn(target: JsonObject, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

export type { SchemaMode };

/** `METHOD path`: one operation per method and path in a document. */
export function planKey(route: Pick<RouteInfo, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}
