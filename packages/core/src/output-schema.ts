import type { JsonSchema } from './route.js';
import { dereferenceRoot } from './schema-ref.js';

/**
 * The tool's `outputSchema`: the route's declared 2xx response schema as it is.
 * Non-object schemas are fine: the SDK projects them per protocol era (the
 * 2025-11-25 wire wraps them as `{ result }`, 2026-07-28 carries them as they are).
 */
export function buildOutputSchema(response: JsonSchema | undefined): JsonSchema | undefined {
  if (!response) return undefined;
  const { $schema: _dialect, ...schema } = response;
  return dereferenceRoot(schema);
}
