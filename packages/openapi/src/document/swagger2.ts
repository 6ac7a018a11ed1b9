import { isObject, type JsonObject } from './types.js';

/**
 * Swagger 2.0 -> OpenAPI 3.0, for what tools need: parameters (body and
 * formData become a request body, `collectionFormat` becomes `style`/`explode`),
 * `definitions` -> `components.schemas`, `host`/`basePath`/`schemes` -> `servers`,
 * `securityDefinitions` -> `components.securitySchemes`, response schemas.
 * Go generators (swaggo for Gin, Echo and Fiber; go-swagger) still emit 2.0.
 */
export function swagger2ToOpenApi3(swagger: JsonObject, documentUrl: URL | undefined): JsonObject {
  const definitions = isObject(swagger.definitions) ? swagger.definitions : {};
  const globalParameters = isObject(swagger.parameters) ? swagger.parameters : {};
  const globalResponses = isObject(swagger.responses) ? swagger.responses : {};
  const consumes = stringList(swagger.consumes);
  const produces = stringList(swagger.produces);

  const resolveLocal = (value: unknown, pool: JsonObject, prefix: string): unknown => {
    if (isObject(value) && typeof value.$ref === 'string' && value.$ref.startsWith(prefix)) {
      return pool[decodePointer(value.$ref.slice(prefix.length))];
    }
    return value;
  };

  const paths: JsonObject = {};
  for (const [path, rawItem] of Object.entries(isObject(swagger.paths) ? swagger.paths : {})) {
    if (!isObject(rawItem)) continue;
    const shared = asList(rawItem.parameters).map((p) => resolveLocal(p, globalParameters, '#/parameters/'));
    const item: JsonObject = {};
    for (const [method, rawOperation] of Object.entries(rawItem)) {
      if (!HTTP_METHOD_KEYS.has(method) || !isObject(rawOperation)) continue;
      const own = asList(rawOperation.parameters).map((p) =>
        resolveLocal(p, globalParameters, '#/parameters/'),
      );
      const parameters = mergeParameters(shared, own);
      const operation: JsonObject = { ...rawOperation };
      delete operation.consumes;
      delete operation.produces;
      delete operation.schemes;
      const opConsumes = stringList(rawOperation.consumes) ?? consumes ?? ['application/json'];
      const opProduces = stringList(rawOperation.produces) ?? produces ?? ['application/json'];
      const converted = convertParameters(parameters, opConsumes);
      operation.parameters = converted.parameters;
      if (converted.requestBody) operation.requestBody = converted.requestBody;
      else delete operation.requestBody;
      operation.responses = convertResponses(rawOperation.responses, globalResponses, opProduces);
      item[method] = operation;
    }
    paths[path] = item;
  }

  const converted: JsonObject = {
    openapi: '3.0.3',
    info: swagger.info ?? { title: 'API', version: '0' },
    servers: servers(swagger, documentUrl),
    paths,
    components: {
      schemas: definitions,
      securitySchemes: securitySchemes(swagger.securityDefinitions),
    },
    ...(Array.isArray(swagger.security) ? { security: swagger.security } : {}),
  };
  return rewriteRefs(converted) as JsonObject;
}

const HTTP_METHOD_KEYS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch']);

function servers(swagger: JsonObject, documentUrl: URL | undefined): JsonObject[] {
  const basePath = typeof swagger.basePath === 'string' ? swagger.basePath : '';
  if (typeof swagger.host !== 'string') return basePath ? [{ url: basePath }] : [];
  const schemes = stringList(swagger.schemes) ?? [documentUrl?.protocol.replace(':', '') ?? 'http'];
  return schemes
    .filter((scheme) => scheme === 'http' || scheme === 'https')
    .map((scheme) => ({ url: `${scheme}://${swagger.host}${basePath}` }));
}

function securitySchemes(definitions: unknown): JsonObject {
  const out: JsonObject = {};
  for (const [name, scheme] of Object.entries(isObject(definitions) ? definitions : {})) {
    if (!isObject(scheme)) continue;
    if (scheme.type === 'basic') out[name] = { type: 'http', scheme: 'basic' };
    else if (scheme.type === 'apiKey') out[name] = { type: 'apiKey', name: scheme.name, in: scheme.in };
    else if (scheme.type === 'oauth2') {
      const flow = {
        tokenUrl: scheme.tokenUrl,
        authorizationUrl: scheme.authorizationUrl,
        scopes: scheme.scopes ?? {},
      };
      const flowName =
        scheme.flow === 'application'
          ? 'clientCredentials'
          : scheme.flow === 'accessCode'
            ? 'authorizationCode'
            : String(scheme.flow);
      out[name] = { type: 'oauth2', flows: { [flowName]: flow } };
    }
  }
  return out;
}

/** Operation parameters override path-level ones of the same name and location. */
function mergeParameters(shared: unknown[], own: unknown[]): JsonObject[] {
  const byKey = new Map<string, JsonObject>();
  for (const parameter of [...shared, ...own]) {
    if (isObject(parameter)) byKey.set(`${parameter.in}:${parameter.name}`, parameter);
  }
  return [...byKey.values()];
}

/** Swagger's `collectionFormat` as OpenAPI 3's `style` and `explode`, per location. */
function styleOf(parameter: JsonObject): { style?: string; explode?: boolean } {
  if (parameter.type !== 'array') return {};
  const format = typeof parameter.collectionFormat === 'string' ? parameter.collectionFormat : 'csv';
  if (format === 'multi') return { style: 'form', explode: true };
  if (format === 'ssv') return { style: 'spaceDelimited', explode: false };
  if (format === 'pipes') return { style: 'pipeDelimited', explode: false };
  return parameter.in === 'query' ? { style: 'form', explode: false } : { style: 'simple', explode: false };
}

const SCHEMA_KEYS = [
  'type',
  'format',
  'items',
  'enum',
  'default',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
  'uniqueItems',
  'multipleOf',
];

function parameterSchema(parameter: JsonObject): JsonObject {
  const schema: JsonObject = {};
  for (const key of SCHEMA_KEYS) if (parameter[key] !== undefined) schema[key] = parameter[key];
  if (schema.type === 'file') {
    schema.type = 'string';
    schema.format = 'binary';
  }
  if (isObject(schema.items)) schema.items = parameterSchema(schema.items);
  return schema;
}

function convertParameters(
  parameters: JsonObject[],
  consumes: string[],
): { parameters: JsonObject[]; requestBody?: JsonObject } {
  const out: JsonObject[] = [];
  let requestBody: JsonObject | undefined;
  const formFields: JsonObject = {};
  const formRequired: string[] = [];
  let hasFile = false;
  for (const parameter of parameters) {
    if (parameter.in === 'body') {
      const content: JsonObject = {};
      for (const type of consumes) content[type] = { schema: parameter.schema ?? {} };
      requestBody = {
        content,
        ...(parameter.required ? { required: true } : {}),
        ...(parameter.description ? { description: parameter.description } : {}),
      };
    } else if (parameter.in === 'formData') {
      const name = String(parameter.name);
      formFields[name] = {
        ...parameterSchema(parameter),
        ...(parameter.description ? { description: parameter.description } : {}),
      };
      if (parameter.required) formRequired.push(name);
      if (parameter.type === 'file') hasFile = true;
    } else {
      const { collectionFormat: _format, type: _type, ...rest } = parameter;
      const kept: JsonObject = {
        name: rest.name,
        in: rest.in,
        ...(rest.required ? { required: true } : {}),
        ...(rest.description ? { description: rest.description } : {}),
        schema: parameterSchema(parameter),
        ...styleOf(parameter),
      };
      out.push(kept);
    }
  }
  if (Object.keys(formFields).length > 0) {
    const type =
      hasFile || consumes.includes('multipart/form-data')
        ? 'multipart/form-data'
        : 'application/x-www-form-urlencoded';
    requestBody = {
      required: formRequired.length > 0,
      content: {
        [type]: {
          schema: {
            type: 'object',
            properties: formFields,
            ...(formRequired.length > 0 ? { required: formRequired } : {}),
          },
        },
      },
    };
  }
  return requestBody ? { parameters: out, requestBody } : { parameters: out };
}

function convertResponses(responses: unknown, globalResponses: JsonObject, produces: string[]): JsonObject {
  const out: JsonObject = {};
  for (const [status, raw] of Object.entries(isObject(responses) ? responses : {})) {
    let response = raw;
    if (isObject(raw) && typeof raw.$ref === 'string' && raw.$ref.startsWith('#/responses/')) {
      response = globalResponses[decodePointer(raw.$ref.slice('#/responses/'.length))];
    }
    if (!isObject(response)) continue;
    const converted: JsonObject = { description: response.description ?? '' };
    if (response.schema !== undefined) {
      const content: JsonObject = {};
      for (const type of produces) content[type] = { schema: response.schema };
      converted.content = content;
    }
    out[status] = converted;
  }
  return out;
}

/** `#/definitions/X` -> `#/components/schemas/X`, everywhere in the converted document. */
function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    const rewritten =
      key === '$ref' && typeof value === 'string' && value.startsWith('#/definitions/')
        ? `#/components/schemas/${value.slice('#/definitions/'.length)}`
        : rewriteRefs(value);
    Object.defineProperty(out, key, {
      value: rewritten,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.length > 0 ? value.map(String) : undefined;
}

/** One JSON-pointer token, decoded (`~1` -> `/`, `~0` -> `~`). */
export function decodePointer(token: string): string {
  return decodeURIComponent(token).replace(/~1/g, '/').replace(/~0/g, '~');
}
