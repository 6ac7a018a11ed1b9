import { parsePathTemplate } from '@backend2mcp/core/adapter';

/** A route path as core's template syntax (path-to-regexp v8), or why it has none. */
export type KoaTemplate =
  | { ok: true; template: string; paramPatterns?: Record<string, string> }
  | { ok: false; reason: string };

/**
 * One token of the path-to-regexp 1.x / 6.x syntax (koa-router 7, @koa/router
 * 13 and older): an escaped character, or a parameter with an optional `/`
 * or `.` prefix, a name and/or a `(pattern)`, and a `?`, `*` or `+` modifier;
 * or a lone `*` (1.x: "everything").
 */
const TOKEN = /\\(.)|([/.])?(?::(\w+)(\((?:\\.|[^\\()])+\))?|(\((?:\\.|[^\\()])+\))|(\*))([?*+])?/g;
/** Characters path-to-regexp v8 treats as syntax in plain text. */
const V8_SYNTAX = /[{}()[\]+?!:*\\]/g;
const NAME_CONTINUE = /^(?:[$\p{ID_Continue}]|\u200c|\u200d)/u;
const V8_NAME = /^[$_\p{ID_Start}](?:[$\p{ID_Continue}]|\u200c|\u200d)*$/u;
/** Patterns that match across `/`: the param becomes a wildcard. */
const SPANS_SEGMENTS = /^(?:\.\*|\.\+)$/;

/**
 * The route path of a router layer as a template core understands.
 *
 * @koa/router 14 and 15 already speak path-to-regexp v8, so a path that parses
 * as v8 is kept. Older routers (koa-router 7: path-to-regexp 1.x; @koa/router 13:
 * 6.x) write optional params `/:year?`, patterns `/:id(\\d+)`, unnamed groups
 * `/(.*)` and repeats `/:path*`; those are translated:
 *
 * | old syntax       | template                 | notes                                      |
 * | ---------------- | ------------------------ | ------------------------------------------ |
 * | `/:year?`        | `{/:year}`               | optional segment                           |
 * | `/:id(\\d+)`     | `/:id`                   | `paramPatterns: { id: '\\d+' }`            |
 * | `/(.*)`, `/*`    | `/*splat`                | the app sees it as `ctx.params[0]`         |
 * | `/:rest*`        | `{/*rest}`               | zero or more segments                      |
 * | `/:rest+`        | `/*rest`                 | one or more segments                       |
 * | `{...}` groups   | none                     | reported with a reason                     |
 */
export function koaPathTemplate(path: string): KoaTemplate {
  try {
    parsePathTemplate(path);
    return { ok: true, template: path };
  } catch {
    return translateLegacyPath(path);
  }
}

function translateLegacyPath(path: string): KoaTemplate {
  if (/(?<!\\)[{}]/.test(path)) {
    return unsupported(path, 'a `{...}` group has no equivalent in the tool path template');
  }
  const names = new Set([...path.matchAll(/:(\w+)/g)].map((match) => match[1]!));
  let unnamed = 0;
  const nextSplat = (): string => {
    let name: string;
    do {
      name = unnamed === 0 ? 'splat' : `splat${unnamed}`;
      unnamed += 1;
    } while (names.has(name));
    return name;
  };

  let template = '';
  let last = 0;
  let afterName = false;
  const paramPatterns: Record<string, string> = {};
  for (const match of path.matchAll(TOKEN)) {
    const between = path.slice(last, match.index);
    template += text(between, afterName && between !== '');
    afterName = afterName && between === '';
    last = match.index + match[0].length;
    const [, escaped, prefix = '', name, namedPattern, group, star, modifier] = match;
    if (escaped !== undefined) {
      template += text(escaped, afterName);
      afterName = false;
      continue;
    }
    const pattern = (namedPattern ?? group)?.slice(1, -1) ?? (star ? '.*' : undefined);
    const param = name === undefined ? nextSplat() : name;
    const spans = pattern !== undefined && SPANS_SEGMENTS.test(pattern);
    const repeat = modifier === '*' || modifier === '+';
    if (pattern !== undefined && !spans && repeat) {
      return unsupported(
        path,
        `the repeated pattern "${match[0]}" has no equivalent in the tool path template`,
      );
    }
    if (pattern !== undefined && !spans) paramPatterns[param] = pattern;
    const isWildcard = spans || repeat;
    const body = `${prefix}${isWildcard ? '*' : ':'}${v8Name(param)}`;
    // 1.x `*` and `(.*)` match the empty rest too, like the `*` modifier.
    const optional = modifier === '?' || modifier === '*' || (spans && pattern === '.*');
    template += optional ? `{${body}}` : body;
    afterName = !optional;
  }
  template += text(path.slice(last), afterName);

  try {
    parsePathTemplate(template);
  } catch (error) {
    return unsupported(path, (error as Error).message);
  }
  return Object.keys(paramPatterns).length > 0
    ? { ok: true, template, paramPatterns }
    : { ok: true, template };
}

/** Plain text for a v8 template; right after a name, a name character is escaped so it ends the name. */
function text(value: string, afterName: boolean): string {
  const escaped = value.replace(V8_SYNTAX, (char) => `\\${char}`);
  return afterName && NAME_CONTINUE.test(escaped) ? `\\${escaped}` : escaped;
}

function v8Name(name: string): string {
  return V8_NAME.test(name) ? name : `"${name}"`;
}

function unsupported(path: string, why: string): KoaTemplate {
  return {
    ok: false,
    reason: `the router path "${path}" cannot become a tool path template (${why}); give the route a plain path, or mark it mcp({ hidden: true }) to silence this`,
  };
}
