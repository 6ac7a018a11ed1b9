import type { JsonSchema } from './route.js';
import { dereferenceRoot } from './schema-ref.js';

/**
 * The route's declared 2xx response schema as tools use it (see `responseSchema` and `outputSchema` of ToolSpec).
 * Non-object schemas are fine: the SDK projects them per protocol era (the
 * 2025-11-25 wire wraps them as `{ result }`, 2026-07-28 carries them as they are).
 */
export function buildOutputSchema(response: JsonSchema | undefined): JsonSchema | undefined {
  if (!response || describesFile(response)) return undefined;
  const { $schema: _dialect, ...schema } = response;
  return dereferenceRoot(schema);
}

/**
 * A response schema whose root is a string (a CSV export, a gzip download, a
 * text page; OpenAPI's `format: binary`, JSON Schema's `contentMediaType`)
 * describes a file, not a JSON document: the response is returned as the file
 * it is, and there is no structured content to describe or check.
 */
function describesFile(schema: JsonSchema): boolean {
  return (
    schema.type === 'string' ||
    schema.contentMediaType !== undefined ||
    schema.contentEncoding !== undefined ||
    schema.format === 'binary'
  );
}
