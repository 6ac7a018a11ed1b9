import { parsePathTemplate } from '@backend2mcp/core/adapter';

/** A path translated into a path-to-regexp v8 template (the Express 5 syntax), or why it cannot be. */
export type TranslatedPath =
  | { ok: true; template: string; paramPatterns?: Record<string, string> }
  | { ok: false; reason: string };

/**
 * The tokens Express 4's path-to-regexp 0.1 recognises in a string path, in
 * the order it tries them: an escaped character, a named parameter
 * (`[/][.]:name[(pattern)][*][?]`), a `.` or `*`, and `/(` (a regex group).
 * Everything between tokens is raw regular-expression source.
 */
const TOKEN = /\\(.)|(\/)?(\.)?:(\w+)(\([^)]*\))?(\*)?(\?)?|([.*])|\/\(/g;

/** Characters that are regex syntax when they appear between tokens of an Express 4 path. */
const REGEX_SYNTAX = /[()[\]?+|^${}]/;
/** Characters path-to-regexp v8 treats as syntax in plain text. */
const V8_SYNTAX = /[{}()[\]+?!:*\\]/g;
/** Characters that would extend a v8 parameter name written right before them. */
const NAME_CONTINUE = /^(?:[$\p{ID_Continue}]|\u200c|\u200d)/u;
const V8_NAME = /^[$_\p{ID_Start}](?:[$\p{ID_Continue}]|\u200c|\u200d)*$/u;

/**
 * Translates an Express 4 path (path-to-regexp 0.1) into a path-to-regexp v8
 * template that matches the same URLs.
 *
 * | Express 4              | template               | notes                                         |
 * | ---------------------- | ---------------------- | --------------------------------------------- |
 * | `/users/:id`           | `/users/:id`           |                                               |
 * | `/users/:id?`          | `/users{/:id}`         | optional segment                              |
 * | `/items/:id(\\d+)`     | `/items/:id`           | `paramPatterns: { id: '\\d+' }`               |
 * | `/files/*`             | `/files/*splat`        | `req.params[0]` in the app; a 2nd is `splat1` |
 * | `/img/*px`             | `/img/*splat\\px`      | a name character after a name is escaped      |
 * | `/:file.:ext`          | `/:file.:ext`          | `.` is literal                                |
 * | `/:name.:fmt?`         | `/:name{.:fmt}`        | optional format                               |
 * | `/docs/:page*`         | `/docs/:page{/*splat}` | the rest is `req.params[0]` in the app        |
 * | `/:1st`                | `/:"1st"`              | v8 names cannot start with a digit: quoted    |
 * | `/a\\!`                | `/a\\!`                | escaped literal, escaped again for v8         |
 * | `/ab?c`, `/a+`, `/(x)` | none                   | raw regex syntax: reported, never guessed     |
 *
 * Unnamed captures are named `splat`, `splat1`, ... in the order Express numbers
 * them (`req.params[0]`, `req.params[1]`, ...); the name is only the tool
 * argument's, the URL the app receives is the same.
 */
export function translateExpress4Path(path: string): TranslatedPath {
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
    if (REGEX_SYNTAX.test(between)) return unsupported(path);
    template += text(between, afterName && between !== '');
    afterName = afterName && between === '';
    last = match.index + match[0].length;
    const [, escaped, slash = '', format, name, pattern, star, optional, single] = match;

    if (escaped !== undefined) {
      // `\\d`, `\\w`... are character classes, not literal letters.
      if (/\w/.test(escaped)) return unsupported(path);
      template += text(escaped, afterName);
      afterName = false;
    } else if (single === '.') {
      template += '.';
      afterName = false;
    } else if (single === '*') {
      template += `*${nextSplat()}`;
      afterName = true;
    } else if (name !== undefined) {
      if (pattern !== undefined) paramPatterns[name] = pattern.slice(1, -1);
      const rest = star ? `{/*${nextSplat()}}` : '';
      const param = `${slash}${format ? '.' : ''}:${v8Name(name)}${rest}`;
      template += optional ? `{${param}}` : param;
      afterName = !optional && !star;
    } else {
      // `/(`: a regex group.
      return unsupported(path);
    }
  }
  const tail = path.slice(last);
  if (REGEX_SYNTAX.test(tail)) return unsupported(path);
  template += text(tail, afterName);

  try {
    parsePathTemplate(template);
  } catch {
    return unsupported(path);
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

/** Express 4 names are `\w+`, so they may start with a digit, which v8 only takes quoted. */
function v8Name(name: string): string {
  return V8_NAME.test(name) ? name : `"${name}"`;
}

function unsupported(path: string): TranslatedPath {
  return {
    ok: false,
    reason: `the Express 4 path "${path}" uses regular-expression syntax that has no route template; give the route a plain path or hide it with mcp({ hidden: true })`,
  };
}
