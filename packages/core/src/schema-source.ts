import { Backend2McpError } from './errors.js';

/** A JSON Schema (draft 2020-12) object. Kept loose on purpose: apps declare all kinds. */
export type JsonSchema = { [keyword: string]: unknown };

/**
 * A schema as an app writes it: plain JSON Schema, or a schema object from a
 * library that can export JSON Schema (zod v4, and any Standard Schema with
 * the Standard JSON Schema extension: valibot, arktype, ...).
 */
export type SchemaSource = JsonSchema | SchemaLibraryObject;

/** The part of a schema library object backend2mcp uses to turn it into JSON Schema. */
export interface SchemaLibraryObject {
  '~standard': {
    vendor?: string;
    jsonSchema?: {
      input(options: { target: string }): Record<string, unknown>;
      output(options: { target: string }): Record<string, unknown>;
    };
  };
  toJSONSchema?: (options?: { io?: 'input' | 'output'; target?: string }) => Record<string, unknown>;
}

/**
 * JSON Schema (2020-12) for a {@link SchemaSource}. `io` picks the input side
 * (what a caller sends: defaults optional) or the output side (what a route
 * answers). Throws `INVALID_ROUTE` for a schema library object that cannot
 * export JSON Schema.
 */
export function toJsonSchema(source: SchemaSource, io: 'input' | 'output', origin: string): JsonSchema {
  const standard = (source as Partial<SchemaLibraryObject>)['~standard'];
  if (standard === undefined) return source as JsonSchema;
  const exported =
    standard.jsonSchema?.[io]({ target: 'draft-2020-12' }) ??
    (typeof (source as SchemaLibraryObject).toJSONSchema === 'function'
      ? (source as SchemaLibraryObject).toJSONSchema!({ io, target: 'draft-2020-12' })
      : undefined);
  if (!exported) {
    throw new Backend2McpError(
      'INVALID_ROUTE',
      `${origin}: the ${standard.vendor ?? 'schema library'} schema cannot export JSON Schema; pass JSON Schema instead, or a library version with Standard JSON Schema support (zod >= 4.2).`,
    );
  }
  const { $schema: _dialect, ...schema } = exported;
  return schema;
}
