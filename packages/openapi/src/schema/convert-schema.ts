import type { JsonSchema } from '@backend2mcp/core';
import { decodePointer } from '../document/swagger2.js';
import { isObject, type JsonObject, type OpenApiDocument } from '../document/types.js';

/**
 * Whether a schema describes what a client sends (`input`: `readOnly`
 * properties are left out) or what it receives (`output`: `writeOnly` ones are).
 */
export type SchemaMode = 'input' | 'output';

/** A converted schema and the components it names (as `#/$defs/<name>`). */
export interface ConvertedSchema {
  schema: JsonSchema;
  refs: ReadonlySet<string>;
}

const COMPONENT_PREFIX = '#/components/schemas/';
/** Keywords whose value is a map of names to schemas. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'dependentSchemas', '$defs', 'definitions']);
/** Keywords whose value is one schema. */
const SCHEMA_VALUES = new Set([
  'additionalProperties',
  'items',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'unevaluatedProperties',
  'unevaluatedItems',
  'additionalItems',
]);
/** Keywords whose value is a list of schemas. */
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
/** OpenAPI-only keywords with no meaning to a JSON Schema validator, dropped to save the model's tokens. */
const DROPPED = new Set(['discriminator', 'xml', 'externalDocs', 'nullable', 'example']);
/** What an `allOf` member may hold for it to be merged into its parent. */
const MERGEABLE = new Set(['type', 'properties', 'required', 'title', 'description']);

/**
 * OpenAPI schema objects (3.0 or 3.1) -> JSON Schema 2020-12, the dialect of
 * MCP tool schemas. References to `components.schemas` become `#/$defs/<name>`
 * (collected per tool with {@link defsFor}), so recursive schemas stay finite;
 * 3.0 `nullable` becomes a type array (or `anyOf` with null); boolean
 * `exclusiveMinimum`/`exclusiveMaximum` become numbers; `example` becomes
 * `examples`; `oneOf` with a `discriminator` becomes `anyOf` (branches that
 * overlap would otherwise make valid values fail `oneOf`); `allOf` of plain
 * object schemas is merged into one object, which clients handle far better.
 * Each component is converted once per mode and cached.
 */
export class SchemaConverter {
  private readonly components: Record<string, JsonObject>;
  private readonly cache = new Map<string, ConvertedSchema>();
  private readonly closures = new Map<string, ReadonlySet<string>>();

  constructor(private readonly document: OpenApiDocument) {
    const schemas = document.components?.schemas;
    this.components = isObject(schemas) ? (schemas as Record<string, JsonObject>) : {};
  }

  /** Converts one schema; `refs` are the components it names directly. */
  convert(schema: unknown, mode: SchemaMode): ConvertedSchema {
    const converted = this.walk(schema, mode, 0) as JsonSchema;
    // Read from the result rather than tracked on the way: members merged away by allOf need no $defs entry.
    return { schema: converted, refs: referencedDefs(converted) };
  }

  /**
   * The converted schema with a root reference to a component replaced by that
   * component, so a body or response is its object rather than a `$ref`
   * (clients want an object root, and its fields become arguments).
   */
  convertInlined(schema: unknown, mode: SchemaMode): ConvertedSchema {
    const converted = this.convert(schema, mode);
    const ref = converted.schema.$ref;
    if (typeof ref !== 'string' || !ref.startsWith('#/$defs/')) return converted;
    const name = decodePointer(ref.slice('#/$defs/'.length));
    const target = this.component(name, mode);
    if (!target) return converted;
    const { $ref: _ref, ...siblings } = converted.schema;
    return { schema: { ...target.schema, ...siblings }, refs: target.refs };
  }

  /** The `$defs` a schema naming `refs` needs: those components and every one they name, converted. */
  defsFor(refs: Iterable<string>, mode: SchemaMode): Record<string, JsonSchema> | undefined {
    const needed = new Set<string>();
    for (const name of refs) for (const reached of this.closure(name, mode)) needed.add(reached);
    if (needed.size === 0) return undefined;
    const defs: Record<string, JsonSchema> = {};
    for (const name of [...needed].sort()) {
      Object.defineProperty(defs, name, {
        value: this.component(name, mode)?.schema ?? {},
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return defs;
  }

  private component(name: string, mode: SchemaMode): ConvertedSchema | undefined {
    if (!Object.hasOwn(this.components, name)) return undefined;
    const key = `${mode}:${name}`;
    let converted = this.cache.get(key);
    if (!converted) {
      // Placeholder first: a component that reaches itself sees an empty entry, not endless recursion.
      this.cache.set(key, { schema: {}, refs: new Set() });
      converted = this.convert(this.components[name], mode);
      this.cache.set(key, converted);
    }
    return converted;
  }

  /** `name` and every component reachable from it. */
  private closure(name: string, mode: SchemaMode): ReadonlySet<string> {
    const key = `${mode}:${name}`;
    const cached = this.closures.get(key);
    if (cached) return cached;
    const reached = new Set<string>();
    const stack = [name];
    while (stack.length > 0) {
      const current = stack.pop()!;
      if (reached.has(current) || !Object.hasOwn(this.components, current)) continue;
      reached.add(current);
      for (const next of this.component(current, mode)?.refs ?? []) stack.push(next);
    }
    this.closures.set(key, reached);
    return reached;
  }

  private walk(node: unknown, mode: SchemaMode, depth: number): unknown {
    if (typeof node === 'boolean') return node;
    if (!isObject(node)) return {};
    if (depth > 64) return {}; // a pathological (non-component) self-reference: accept anything there
    if (typeof node.$ref === 'string') return this.reference(node, mode, depth);

    const out: JsonObject = {};
    for (const [key, value] of Object.entries(node)) {
      if (DROPPED.has(key) || key.startsWith('x-')) continue;
      let converted: unknown;
      if (SCHEMA_MAPS.has(key) && isObject(value)) {
        const map: JsonObject = {};
        for (const [name, child] of Object.entries(value)) {
          if (key === 'properties' && isObject(child) && hiddenIn(child, mode)) continue;
          setOwn(map, name, this.walk(child, mode, depth + 1));
        }
        converted = map;
      } else if (SCHEMA_VALUES.has(key) && (isObject(value) || typeof value === 'boolean')) {
        converted = this.walk(value, mode, depth + 1);
      } else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) {
        converted = value.map((child) => this.walk(child, mode, depth + 1));
      } else {
        converted = value;
      }
      setOwn(out, key, converted);
    }
    if (node.example !== undefined && out.examples === undefined) out.examples = [node.example];
    numericExclusives(out);
    if (Array.isArray(out.required) && isObject(out.properties)) {
      const properties = out.properties;
      out.required = out.required.filter((name) => Object.hasOwn(properties, String(name)));
      if ((out.required as unknown[]).length === 0) delete out.required;
    }
    if (Array.isArray(out.oneOf) && node.discriminator !== undefined) {
      out.anyOf = out.oneOf;
      delete out.oneOf;
    }
    const merged = Array.isArray(out.allOf) ? this.mergeAllOf(out, mode) : out;
    return node.nullable === true ? nullable(merged) : merged;
  }

  private reference(node: JsonObject, mode: SchemaMode, depth: number): unknown {
    const ref = node.$ref as string;
    const { $ref: _ref, ...siblings } = node;
    if (ref.startsWith(COMPONENT_PREFIX) && !ref.slice(COMPONENT_PREFIX.length).includes('/')) {
      const name = decodePointer(ref.slice(COMPONENT_PREFIX.length));
      if (!Object.hasOwn(this.components, name)) return {};
      const converted: JsonObject = { $ref: `#/$defs/${encodeToken(name)}` };
      // 3.1 allows keywords beside $ref; keep the ones that describe (3.0 ignores them anyway).
      if (typeof siblings.description === 'string') converted.description = siblings.description;
      return siblings.nullable === true ? nullable(converted) : converted;
    }
    // Any other pointer into the document (a property of a component, a path's schema): inline it.
    const target = resolvePointer(this.document, ref);
    return target === undefined ? {} : this.walk(target, mode, depth + 1);
  }

  /**
   * `allOf: [A, B]` -> one object schema when every member is a plain object
   * schema (or a reference to a non-recursive one): properties united,
   * `required` joined; a property both declare keeps both as its own `allOf`.
   */
  private mergeAllOf(schema: JsonObject, mode: SchemaMode): JsonObject {
    const members: JsonObject[] = [];
    for (const member of schema.allOf as unknown[]) {
      let resolved = member;
      if (isObject(member) && typeof member.$ref === 'string' && member.$ref.startsWith('#/$defs/')) {
        const name = decodePointer(member.$ref.slice('#/$defs/'.length));
        if (this.reachesItself(name, mode)) return schema;
        resolved = this.component(name, mode)?.schema;
      }
      if (!isObject(resolved)) return schema;
      if (Object.keys(resolved).some((key) => !MERGEABLE.has(key))) return schema;
      if (resolved.type !== undefined && resolved.type !== 'object') return schema;
      members.push(resolved);
    }
    const { allOf: _allOf, ...rest } = schema;
    if (rest.type !== undefined && rest.type !== 'object') return schema;
    const properties: JsonObject = isObject(rest.properties) ? { ...rest.properties } : {};
    const required = new Set<string>(Array.isArray(rest.required) ? rest.required.map(String) : []);
    let typed = rest.type === 'object';
    for (const member of members) {
      typed ||= member.type === 'object';
      for (const [name, property] of Object.entries(isObject(member.properties) ? member.properties : {})) {
        setOwn(
          properties,
          name,
          Object.hasOwn(properties, name) ? { allOf: [properties[name], property] } : property,
        );
      }
      for (const name of Array.isArray(member.required) ? member.required : []) required.add(String(name));
      if (rest.description === undefined && typeof member.description === 'string')
        rest.description = member.description;
    }
    return {
      ...rest,
      ...(typed || Object.keys(properties).length > 0 ? { type: 'object' } : {}),
      properties,
      ...(required.size > 0 ? { required: [...required] } : {}),
    };
  }

  private reachesItself(name: string, mode: SchemaMode): boolean {
    for (const next of this.component(name, mode)?.refs ?? []) {
      if (next === name || this.closure(next, mode).has(name)) return true;
    }
    return false;
  }
}

/** Properties a client never sends (`readOnly`) or never receives (`writeOnly`). */
function hiddenIn(property: JsonObject, mode: SchemaMode): boolean {
  return mode === 'input' ? property.readOnly === true : property.writeOnly === true;
}

/** 3.0's boolean `exclusiveMinimum: true` beside `minimum` is 2020-12's numeric `exclusiveMinimum`. */
function numericExclusives(schema: JsonObject): void {
  for (const [exclusive, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (schema[exclusive] === true && typeof schema[bound] === 'number') {
      schema[exclusive] = schema[bound];
      delete schema[bound];
    } else if (typeof schema[exclusive] === 'boolean') {
      delete schema[exclusive];
    }
  }
}

/** 3.0 `nullable: true` as 2020-12 says it. */
function nullable(schema: JsonObject): JsonObject {
  const out = { ...schema };
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    return out;
  }
  if (Array.isArray(out.type)) {
    if (!out.type.includes('null')) out.type = [...out.type, 'null'];
    return out;
  }
  return { anyOf: [out, { type: 'null' }] };
}

/** Names of the components a converted schema refers to (`#/$defs/<name>`). */
function referencedDefs(schema: unknown): Set<string> {
  const names = new Set<string>();
  const stack: unknown[] = [schema];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) stack.push(...node);
    else if (isObject(node)) {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string' && value.startsWith('#/$defs/')) {
          names.add(decodePointer(value.slice('#/$defs/'.length)));
        } else if (
          typeof value === 'object' &&
          value !== null &&
          key !== 'enum' &&
          key !== 'const' &&
          key !== 'examples' &&
          key !== 'default'
        ) {
          stack.push(value);
        }
      }
    }
  }
  return names;
}

function resolvePointer(document: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let current: unknown = document;
  for (const token of ref.slice(2).split('/')) {
    if (!isObject(current) && !Array.isArray(current)) return undefined;
    const key = decodePointer(token);
    current = Object.hasOwn(current as object, key) ? (current as JsonObject)[key] : undefined;
  }
  return current;
}

function encodeToken(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
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
