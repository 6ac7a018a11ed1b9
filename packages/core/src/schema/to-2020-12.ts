import type { JsonSchema } from '../route.js';

/** Keywords whose value is a map of names to schemas. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
/** Keywords whose value is one schema. */
const SCHEMA_VALUES = new Set([
  'items',
  'additionalItems',
  'additionalProperties',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'unevaluatedItems',
  'unevaluatedProperties',
  'contentSchema',
]);
/** Keywords whose value is a list of schemas. */
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);

/**
 * Rewrites a schema written in an older JSON Schema dialect (draft-04, draft-07,
 * OpenAPI 3.0's variant) into 2020-12, the dialect MCP tool schemas are read in:
 *
 * | written | becomes |
 * | --- | --- |
 * | `definitions` (+ `#/definitions/X` refs) | `$defs` (+ `#/$defs/X`); a name `$defs` already holds is renamed `X_2` |
 * | `dependencies: { a: ['b'] }` / `{ a: {schema} }` | `dependentRequired` / `dependentSchemas` |
 * | `nullable: true` (OpenAPI 3.0) | `type: [t, 'null']`, or `anyOf: [schema, { type: 'null' }]` |
 * | `exclusiveMinimum: true` + `minimum` (draft-04) | `exclusiveMinimum: <minimum>` |
 * | `items: [a, b]` + `additionalItems` | `prefixItems: [a, b]` + `items` |
 * | `id`, nested `$schema`, `$id` | dropped (a base URI inside a tool schema breaks `#/$defs` refs) |
 *
 * Anything else is kept as written. Returns a new schema; the app's object is never changed.
 */
export function toDraft2020(schema: JsonSchema): JsonSchema {
  const renames = new Map<string, string>();
  const root = convertNode(schema, renames, true) as JsonSchema;
  return renames.size > 0 ? (rewriteRefs(root, renames) as JsonSchema) : root;
}

function convertNode(node: unknown, renames: Map<string, string>, isRoot: boolean): unknown {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return node;
  const source = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    if (key === 'definitions' || key === 'dependencies' || key === 'nullable') continue;
    if (key === 'id' && typeof value === 'string') continue;
    if (key === '$id' && typeof value === 'string') continue;
    if (key === '$schema' && !isRoot) continue;
    setOwn(out, key, convertKeyword(key, value, renames));
  }
  liftDefinitions(source, out, renames, isRoot);
  translateDependencies(source, out, renames);
  translateDraft04Bounds(out);
  translateTupleItems(out);
  return applyNullable(source, out);
}

function convertKeyword(key: string, value: unknown, renames: Map<string, string>): unknown {
  if (SCHEMA_MAPS.has(key) && isRecord(value)) {
    const map: Record<string, unknown> = {};
    for (const [name, schema] of Object.entries(value))
      setOwn(map, name, convertNode(schema, renames, false));
    return map;
  }
  if (SCHEMA_LISTS.has(key) && Array.isArray(value))
    return value.map((item) => convertNode(item, renames, false));
  if (key === 'items' && Array.isArray(value)) return value.map((item) => convertNode(item, renames, false));
  if (SCHEMA_VALUES.has(key)) return convertNode(value, renames, false);
  return value;
}

/**
 * Moves `definitions` into `$defs`. Only the root's are renamed on collision
 * (the ones `#/definitions/X` refs can name); a nested `definitions` is merged
 * into its own `$defs` under the same names.
 */
function liftDefinitions(
  source: Record<string, unknown>,
  out: Record<string, unknown>,
  renames: Map<string, string>,
  isRoot: boolean,
): void {
  if (!isRecord(source.definitions)) return;
  const defs: Record<string, unknown> = isRecord(out.$defs) ? { ...out.$defs } : {};
  for (const [name, schema] of Object.entries(source.definitions)) {
    let target = name;
    for (let n = 2; Object.hasOwn(defs, target); n++) target = `${name}_${n}`;
    if (isRoot) renames.set(name, target);
    setOwn(defs, target, convertNode(schema, renames, false));
  }
  out.$defs = defs;
}

function translateDependencies(
  source: Record<string, unknown>,
  out: Record<string, unknown>,
  renames: Map<string, string>,
): void {
  if (!isRecord(source.dependencies)) return;
  const required: Record<string, unknown> = isRecord(out.dependentRequired)
    ? { ...out.dependentRequired }
    : {};
  const schemas: Record<string, unknown> = isRecord(out.dependentSchemas) ? { ...out.dependentSchemas } : {};
  for (const [name, value] of Object.entries(source.dependencies)) {
    if (Array.isArray(value)) setOwn(required, name, value);
    else setOwn(schemas, name, convertNode(value, renames, false));
  }
  if (Object.keys(required).length > 0) out.dependentRequired = required;
  if (Object.keys(schemas).length > 0) out.dependentSchemas = schemas;
}

function translateDraft04Bounds(out: Record<string, unknown>): void {
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof out[flag] !== 'boolean') continue;
    if (out[flag] === true && typeof out[bound] === 'number') {
      out[flag] = out[bound];
      delete out[bound];
    } else delete out[flag];
  }
}

function translateTupleItems(out: Record<string, unknown>): void {
  if (!Array.isArray(out.items)) return;
  out.prefixItems = out.items;
  delete out.items;
  if (out.additionalItems !== undefined) {
    out.items = out.additionalItems;
    delete out.additionalItems;
  }
}

/** OpenAPI 3.0 `nullable: true`: the value may also be null. */
function applyNullable(
  source: Record<string, unknown>,
  out: Record<string, unknown>,
): Record<string, unknown> {
  if (source.nullable !== true) return out;
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    return out;
  }
  if (Array.isArray(out.type)) {
    if (!out.type.includes('null')) out.type = [...out.type, 'null'];
    return out;
  }
  // No type to widen (a $ref, allOf, ...): the value is that schema or null.
  const { description, title, $defs, ...rest } = out;
  return {
    ...(title !== undefined ? { title } : {}),
    ...(description !== undefined ? { description } : {}),
    anyOf: [rest, { type: 'null' }],
    ...($defs !== undefined ? { $defs } : {}),
  };
}

/** Rewrites `#/definitions/X` (and `#/$defs/X` of renamed ones) to the lifted names. */
function rewriteRefs(node: unknown, renames: Map<string, string>): unknown {
  if (Array.isArray(node)) return node.map((item) => rewriteRefs(item, renames));
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') {
      const match = /^#\/definitions\/([^/]+)(.*)$/.exec(value);
      const name = match ? decodePointer(match[1]!) : undefined;
      const target = name !== undefined ? renames.get(name) : undefined;
      setOwn(out, key, target !== undefined ? `#/$defs/${encodePointer(target)}${match![2]}` : value);
    } else if (key === 'enum' || key === 'const' || key === 'default' || key === 'examples') {
      setOwn(out, key, value);
    } else setOwn(out, key, rewriteRefs(value, renames));
  }
  return out;
}

export function decodePointer(segment: string): string {
  return decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~');
}

export function encodePointer(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Plain data even for a name like `__proto__` (an app's field name). */
export function setOwn(target: Record<string, unknown>, name: string, value: unknown): void {
  Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
}
