import type { HttpMethod } from '../http.js';
import type { SkippedRoute } from '../route.js';

/**
 * The rules every adapter's route extraction follows, in one place so the
 * adapters agree: which methods become tools, what a catch-all route stands
 * for, how framework path syntax maps to core's template syntax, and how a
 * route that cannot be exposed is reported.
 */

/** What a catch-all route (`app.all()`, `router.all()`) stands for as tools: the methods an API client calls. */
export const CATCH_ALL_METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

const TOOL_METHODS = new Set<string>(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

/** True when backend2mcp makes a tool of `method` (upper-case). */
export function isToolMethod(method: string): method is HttpMethod {
  return TOOL_METHODS.has(method);
}

/** A route skipped because backend2mcp has no tool for its method (`PROPFIND`, `LOCK`, ...). */
export function unexposedMethod(method: string, path: string): SkippedRoute {
  return {
    route: `${method} ${path}`,
    reason: `backend2mcp exposes GET, POST, PUT, PATCH, DELETE, HEAD and OPTIONS; ${method} has no tool`,
  };
}

/** A route (or mount) skipped because its path is a regular expression, which has no template. */
export function regexPathSkipped(route: string): SkippedRoute {
  return {
    route,
    reason:
      'a regular-expression path has no route template, so nothing under it can become a tool; ' +
      'give it a string path to expose it, or mark the route mcp({ hidden: true }) to silence this',
  };
}

/** A colon-style path translated into a path-to-regexp v8 template (the syntax core speaks). */
export interface TranslatedColonPath {
  template: string;
  /** Patterns of params declared with one, e.g. `{ id: '\\d+' }` (makes the param an integer). */
  paramPatterns?: Record<string, string>;
}

const V8_SPECIAL = /[{}()[\]+?!*\\]/g;
const TOKENS = {
  // find-my-way (Fastify): `:name(regex)`
  '()': /(\/)?(?::([A-Za-z0-9_$]+)(\((?:\\.|[^\\()])+\))?(\?)?|\*)/g,
  // Hono: `:name{regex}`
  '{}': /(\/)?(?::([A-Za-z0-9_$]+)(\{(?:\\.|[^\\{}])+\})?(\?)?|\*)/g,
} as const;

/**
 * Translates the path syntax most routers share into core's template syntax:
 * `:name` stays, `:name?` becomes the optional `{/:name}`, a trailing pattern
 * (`:id(\\d+)` or `:id{\\d+}`, as `patternBrackets` says) goes to
 * `paramPatterns` without its `^`/`$` anchors, `*` becomes `*wildcard`
 * (`*wildcard2`, ... for later ones), and other v8-special characters are escaped.
 */
export function translateColonPath(path: string, patternBrackets: '()' | '{}'): TranslatedColonPath {
  let template = '';
  let last = 0;
  let wildcards = 0;
  const paramPatterns: Record<string, string> = {};
  for (const match of path.matchAll(TOKENS[patternBrackets])) {
    template += path.slice(last, match.index).replace(V8_SPECIAL, (char) => `\\${char}`);
    const [whole, slash = '', name, pattern, optional] = match;
    last = match.index + whole.length;
    if (name === undefined) {
      wildcards += 1;
      template += `${slash}*${wildcards === 1 ? 'wildcard' : `wildcard${wildcards}`}`;
      continue;
    }
    if (pattern) paramPatterns[name] = pattern.slice(1, -1).replace(/^\^/, '').replace(/\$$/, '');
    template += optional ? `{${slash}:${name}}` : `${slash}:${name}`;
  }
  template += path.slice(last).replace(V8_SPECIAL, (char) => `\\${char}`);
  return Object.keys(paramPatterns).length > 0 ? { template, paramPatterns } : { template };
}
