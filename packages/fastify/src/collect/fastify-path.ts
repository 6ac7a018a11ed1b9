/** A Fastify URL translated into a path-to-regexp v8 template (the syntax core speaks). */
export type TranslatedFastifyPath =
  | { ok: true; template: string; paramPatterns?: Record<string, string> }
  | { ok: false; reason: string };

/** Fastify (find-my-way) tokens: `:name`, `:name(regex)`, a trailing `?`, and `*`. */
const TOKEN = /(\/)?(?::([A-Za-z0-9_$]+)(\((?:\\.|[^\\()])+\))?(\?)?|\*)/g;
const V8_SPECIAL = /[{}()[\]+?!*\\]/g;

/**
 * Fastify URL -> template:
 *
 * | Fastify | template | notes |
 * | --- | --- | --- |
 * | `/users/:id` | `/users/:id` | |
 * | `/users/:id?` | `/users{/:id}` | optional last param |
 * | `/items/:id(^\\d+$)` | `/items/:id` | pattern kept in `paramPatterns` (`\\d+` makes it an integer) |
 * | `/files/*` | `/files/*wildcard` | the app reads it as `request.params['*']` |
 * | `/api/` (prefix + `/`) | `/api` | trailing slash dropped; Fastify serves both |
 */
export function translateFastifyPath(url: string): TranslatedFastifyPath {
  let template = '';
  let last = 0;
  const paramPatterns: Record<string, string> = {};
  for (const match of url.matchAll(TOKEN)) {
    const text = url.slice(last, match.index);
    template += text.replace(V8_SPECIAL, (char) => `\\${char}`);
    const [whole, slash = '', name, pattern, optional] = match;
    last = match.index + whole.length;
    if (name === undefined) {
      template += `${slash}*wildcard`;
      continue;
    }
    if (pattern) paramPatterns[name] = pattern.slice(1, -1).replace(/^\^/, '').replace(/\$$/, '');
    template += optional ? `{${slash}:${name}}` : `${slash}:${name}`;
  }
  template += url.slice(last).replace(V8_SPECIAL, (char) => `\\${char}`);
  if (template.length > 1 && template.endsWith('/')) template = template.slice(0, -1);
  if (template === '') template = '/';
  return Object.keys(paramPatterns).length > 0
    ? { ok: true, template, paramPatterns }
    : { ok: true, template };
}
