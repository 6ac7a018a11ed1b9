import type { JsonSchema } from '../route.js';
import { schemaDocumentProblem } from '../schema-validation.js';

/**
 * Makes a tool schema safe for every client: an array without `items` (legal
 * JSON Schema, but refused by several model providers' tool validators) gets
 * `items: {}`. Returns the JSON pointers it fixed. Mutates a copy only.
 */
export function withArrayItems(schema: JsonSchema): { schema: JsonSchema; fixed: string[] } {
  const fixed: string[] = [];
  const visit = (node: unknown, pointer: string): unknown => {
    if (Array.isArray(node)) return node.map((item, index) => visit(item, `${pointer}/${index}`));
    if (node === null || typeof node !== 'object') return node;
    const copy: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      // Values under these keywords are maps of names to schemas or plain data, not schemas themselves.
      const kept =
        key === 'enum' || key === 'const' || key === 'examples' || key === 'default'
          ? value
          : visit(value, `${pointer}/${key}`);
      // defineProperty: a property named __proto__ (an app's field) must stay data, not become the prototype.
      Object.defineProperty(copy, key, { value: kept, enumerable: true, writable: true, configurable: true });
    }
    const type = copy.type;
    const isArray = type === 'array' || (Array.isArray(type) && type.includes('array'));
    if (isArray && copy.items === undefined && copy.prefixItems === undefined) {
      copy.items = {};
      fixed.push(pointer || '/');
    }
    return copy;
  };
  return { schema: visit(schema, '') as JsonSchema, fixed };
}

/** Why a tool's schema cannot be served, or undefined. */
export function toolSchemaProblem(
  kind: 'input' | 'output',
  schema: JsonSchema | undefined,
): string | undefined {
  if (!schema) return undefined;
  const problem = schemaDocumentProblem(schema);
  return problem ? `its ${kind} schema is not valid JSON Schema 2020-12: ${problem}` : undefined;
}
