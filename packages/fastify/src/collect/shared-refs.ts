import type { JsonSchema } from '@backend2mcp/core';

/**
 * Inlines references to Fastify's shared schemas (`app.addSchema({ $id: 'User', ... })`,
 * referenced as `{ $ref: 'User#' }` or `'User#/properties/name'`) into `$defs` of
 * the schema itself, so the tool's schema is self-contained. A shared schema that
 * refers to itself (a tree) becomes a `$defs` entry that refers to itself: finite,
 * never expanded.
 */
export function inlineSharedRefs(schema: JsonSchema, shared: Record<string, JsonSchema>): JsonSchema {
  const defs: Record<string, JsonSchema> = {};
  const names = new Map<string, string>();

  const defName = (id: string): string => {
    let name = names.get(id);
    if (name) return name;
    const base =
      id
        .replace(/^.*\//, '')
        .replace(/\.json$/, '')
        .replace(/[^A-Za-z0-9_.-]/g, '_') || 'schema';
    name = base;
    for (let n = 2; [...names.values()].includes(name); n++) name = `${base}_${n}`;
    names.set(id, name);
    const target = shared[id];
    if (target) {
      const { $id: _id, $schema: _dialect, ...rest } = target;
      defs[name] = {}; // reserve first: a self-reference must not recurse forever
      defs[name] = rewrite(rest, id) as JsonSchema;
    }
    return name;
  };

  /** `owner` is the shared schema whose local `#/...` refs we are inside, if any. */
  const rewrite = (node: unknown, owner: string | undefined): unknown => {
    if (Array.isArray(node)) return node.map((item) => rewrite(item, owner));
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') out[key] = rewriteRef(value, owner);
      else out[key] = rewrite(value, owner);
    }
    return out;
  };

  const rewriteRef = (ref: string, owner: string | undefined): string => {
    const hash = ref.indexOf('#');
    const id = hash === -1 ? ref : ref.slice(0, hash);
    const fragment = hash === -1 ? '' : ref.slice(hash + 1);
    if (id === '') return owner ? `#/$defs/${defName(owner)}${fragment}` : ref;
    if (!shared[id]) return ref;
    return `#/$defs/${defName(id)}${fragment}`;
  };

  const rewritten = rewrite(schema, undefined) as JsonSchema;
  if (Object.keys(defs).length === 0) return rewritten;
  const existing = (rewritten.$defs as Record<string, JsonSchema> | undefined) ?? {};
  return { ...rewritten, $defs: { ...existing, ...defs } };
}
