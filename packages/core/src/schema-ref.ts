import type { JsonSchema } from './route.js';

const LOCAL_DEF = /^#\/\$defs\/([^/]+)$/;

/**
 * Replaces a root `$ref` to the schema's own `$defs` (`{ $ref: '#/$defs/User', $defs }`,
 * what inlined shared schemas look like) with the definition itself, keeping
 * `$defs` for the references inside it. A body whose root is a reference can then
 * be flattened into arguments, and an output schema keeps an object root (the
 * 2025-11-25 wire wraps any other root as `{ result }`).
 */
export function dereferenceRoot(schema: JsonSchema): JsonSchema {
  const ref = typeof schema.$ref === 'string' ? LOCAL_DEF.exec(schema.$ref) : null;
  const defs = schema.$defs as Record<string, JsonSchema> | undefined;
  const name = ref?.[1];
  const target = name !== undefined ? defs?.[name] : undefined;
  if (!target || Object.keys(schema).some((key) => key !== '$ref' && key !== '$defs')) return schema;
  return { ...target, $defs: defs };
}
