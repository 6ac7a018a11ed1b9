import type { JsonSchema } from '../route.js';
import { setOwn } from './to-2020-12.js';

/**
 * zod's `toJSONSchema` writes a schema that contains itself (a category with
 * child categories) as `{ "$ref": "#" }`. Once the schema is flattened into a
 * tool's input schema, or nested under `{ result }`, `#` would name the wrong
 * root. The schema is copied into its own `$defs` (as `Root`, or `Root_2` when
 * taken) and every `#` reference points there instead. Others are untouched.
 */
export function anchorRootRefs(schema: JsonSchema): JsonSchema {
  if (!refersToRoot(schema)) return schema;
  const { $defs, ...body } = schema;
  const defs = ($defs && typeof $defs === 'object' ? $defs : {}) as Record<string, unknown>;
  let name = 'Root';
  for (let n = 2; Object.hasOwn(defs, name); n++) name = `Root_${n}`;
  const target = `#/$defs/${name}`;
  const rewrite = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && value === '#') setOwn(out, key, target);
      else if (key === 'enum' || key === 'const' || key === 'default' || key === 'examples')
        setOwn(out, key, value);
      else setOwn(out, key, rewrite(value));
    }
    return out;
  };
  const rewritten = rewrite(body) as JsonSchema;
  const rewrittenDefs = rewrite(defs) as Record<string, unknown>;
  const { $schema: _dialect, $id: _id, ...definition } = rewritten;
  setOwn(rewrittenDefs, name, definition);
  return { ...rewritten, $defs: rewrittenDefs };
}

function refersToRoot(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(refersToRoot);
  if (node === null || typeof node !== 'object') return false;
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && value === '#') return true;
    if (key === 'enum' || key === 'const' || key === 'default' || key === 'examples') continue;
    if (refersToRoot(value)) return true;
  }
  return false;
}
