/** A Hono route path translated into a path-to-regexp v8 template (the syntax core speaks). */
export interface TranslatedHonoPath {
  template: string;
  paramPatterns?: Record<string, string>;
}

/** Hono tokens: `:name`, `:name{regex}`, a trailing `?`, and `*`. */
const TOKEN = /(\/)?(?::([A-Za-z0-9_$]+)(\{(?:\\.|[^\\{}])+\})?(\?)?|\*)/g;
const V8_SPECIAL = /[{}()[\]+?!*\\]/g;

/**
 * Hono path -> template:
 *
 * | Hono | template | notes |
 * | --- | --- | --- |
 * | `/users/:id` | `/users/:id` | |
 * | `/users/:id?` | `/users{/:id}` | optional |
 * | `/items/:id{[0-9]+}` | `/items/:id` | pattern kept in `paramPatterns` (`[0-9]+` makes it an integer) |
 * | `/files/*` | `/files/*wildcard` | |
 */
export function translateHonoPath(path: string): TranslatedHonoPath {
  let template = '';
  let last = 0;
  let wildcards = 0;
  const paramPatterns: Record<string, string> = {};
  for (const match of path.matchAll(TOKEN)) {
    template += path.slice(last, match.index).replace(V8_SPECIAL, (char) => `\\${char}`);
    const [whole, slash = '', name, pattern, optional] = match;
    last = match.index + whole.length;
    if (name === undefined) {
      wildcards += 1;
      template += `${slash}*${wildcards === 1 ? 'wildcard' : `wildcard${wildcards}`}`;
      continue;
    }
    if (pattern) paramPatterns[name] = pattern.slice(1, -1);
    template += optional ? `{${slash}:${name}}` : `${slash}:${name}`;
  }
  template += path.slice(last).replace(V8_SPECIAL, (char) => `\\${char}`);
  return Object.keys(paramPatterns).length > 0 ? { template, paramPatterns } : { template };
}

/** OpenAPI's `/users/{id}` as Hono writes it, `/users/:id`, to match a document's operations to routes. */
export function openApiPathToHono(path: string): string {
  return path.replace(/\{([^}]+)\}/g, ':$1');
}
