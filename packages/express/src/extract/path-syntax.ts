import type { PathSpec } from './express-internals.js';

/** A route path translated into a path-to-regexp v8 template (Express 5 syntax). */
export type TranslatedPath =
  | { ok: true; template: string; paramPatterns?: Record<string, string> }
  | { ok: false; reason: string };

/** Characters path-to-regexp v8 treats as syntax in plain text. */
const V8_SPECIAL = /[{}()[\]+?!*\\]/g;

/** Path-to-regexp 0.1 tokens: `/:name(regex)?`, `/:name*`, `/:name+`, `*`. */
const EXPRESS4_TOKEN = /(\/)?(?::([A-Za-z0-9_$]+)(\((?:\\.|[^\\()])+\))?([?*+])?|\*)/g;

/**
 * Express 4 path syntax -> template:
 *
 * | Express 4 | template | notes |
 * | --- | --- | --- |
 * | `/:id` | `/:id` | |
 * | `/:id?` | `{/:id}` | optional segment |
 * | `/:id(\\d+)` | `/:id` | pattern kept in `paramPatterns` (`\\d+` makes the param an integer) |
 * | `/*` | `/*splat` | the app reads it as `req.params[0]` |
 * | `/:path+` | `/*path` | one or more segments |
 * | `/:path*` | `{/*path}` | zero or more segments |
 *
 * Anything else with regex meaning (`/ab?c`, `/a(b)c`) cannot be expressed and is reported.
 */
export function translateExpress4Path(path: string): TranslatedPath {
  let template = '';
  let last = 0;
  let splats = 0;
  const paramPatterns: Record<string, string> = {};
  for (const match of path.matchAll(EXPRESS4_TOKEN)) {
    const text = path.slice(last, match.index);
    if (/[()[\]?+*]/.test(text)) return unsupported(path);
    template += escapeText(text);
    const [whole, slash = '', name, pattern, modifier] = match;
    last = match.index + whole.length;
    if (name === undefined) {
      splats += 1;
      template += `${slash}*${splats === 1 ? 'splat' : `splat${splats}`}`;
      continue;
    }
    if (pattern) paramPatterns[name] = pattern.slice(1, -1);
    if (modifier === '?') template += `{${slash}:${name}}`;
    else if (modifier === '*') template += `{${slash}*${name}}`;
    else if (modifier === '+') template += `${slash}*${name}`;
    else template += `${slash}:${name}`;
  }
  const rest = path.slice(last);
  if (/[()[\]?+*]/.test(rest)) return unsupported(path);
  template += escapeText(rest);
  return Object.keys(paramPatterns).length > 0
    ? { ok: true, template, paramPatterns }
    : { ok: true, template };
}

function escapeText(text: string): string {
  return text.replace(V8_SPECIAL, (char) => `\\${char}`);
}

function unsupported(path: string): TranslatedPath {
  return {
    ok: false,
    reason: `the Express 4 path "${path}" uses regular-expression syntax that has no route template; give the route a plain path or hide it with mcp({ hidden: true })`,
  };
}

/** A path spec as a flat list: arrays fan out into one entry per path. */
export function flattenPathSpec(spec: PathSpec): Array<string | RegExp> {
  return Array.isArray(spec) ? spec.flatMap(flattenPathSpec) : [spec];
}

/**
 * Joins a mount prefix and a route path the way Express matches them:
 * `/api` + `/users` = `/api/users`, `/api` + `/` = `/api`, `/` + `/users` = `/users`.
 */
export function joinPaths(prefix: string, path: string): string {
  const head = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  if (path === '/' || path === '') return head === '' ? '/' : head;
  const tail = path.startsWith('/') || path.startsWith('{') ? path : `/${path}`;
  return `${head}${tail}`;
}
