import type { JsonSchema } from '../route.js';
import { decodePointer, encodePointer, setOwn } from './to-2020-12.js';

/**
 * The input schema is built from several schemas of one route (params, query,
 * headers, body), each with its own `$defs`, and all their definitions end up
 * side by side in the input schema's one `$defs`. Two parts may use one name
 * for different definitions (`Item` of the query and `Item` of the body): the
 * later one is renamed (`Item_2`) and its references follow, so neither
 * silently replaces the other. Equal definitions under one name are shared.
 * Returns the parts in order; unchanged parts are the same objects.
 */
export function separateDefs(parts: ReadonlyArray<JsonSchema | undefined>): Array<JsonSchema | undefined> {
  const taken = new Map<string, string>(); // name -> JSON of the definition holding it
  return parts.map((part) => {
    const defs = part?.$defs;
    if (!part || defs === null || typeof defs !== 'object') return part;
    const renames = new Map<string, string>();
    for (const [name, definition] of Object.entries(defs as Record<string, unknown>)) {
      const text = JSON.stringify(definition);
      let target = name;
      for (let n = 2; taken.has(target) && taken.get(target) !== text; n++) target = `${name}_${n}`;
      taken.set(target, text);
      if (target !== name) renames.set(name, target);
    }
    if (renames.size === 0) return part;
    const rewritten = rewriteDefRefs(part, renames) as JsonSchema;
    const renamedDefs: Record<string, unknown> = {};
    for (const [name, definition] of Object.entries(rewritten.$defs as Record<string, unknown>)) {
      setOwn(renamedDefs, renames.get(name) ?? name, definition);
    }
    return { ...rewritten, $defs: renamedDefs };
  });
}

function rewriteDefRefs(node: unknown, renames: Map<string, string>): unknown {
  if (Array.isArray(node)) return node.map((item) => rewriteDefRefs(item, renames));
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') {
      const match = /^#\/\$defs\/([^/]+)(.*)$/.exec(value);
      const target = match ? renames.get(decodePointer(match[1]!)) : undefined;
      setOwn(out, key, target !== undefined ? `#/$defs/${encodePointer(target)}${match![2]}` : value);
    } else if (key === 'enum' || key === 'const' || key === 'default' || key === 'examples') {
      setOwn(out, key, value);
    } else setOwn(out, key, rewriteDefRefs(value, renames));
  }
  return out;
}
