import { invalidDocument } from '../errors.js';

/** Characters path-to-regexp v8 gives a meaning to, escaped when they are literal text of an OpenAPI path. */
const V8_SPECIAL = /[{}()[\]+?!*:\\]/g;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * OpenAPI's `/users/{id}` in the template syntax core speaks (path-to-regexp v8):
 * `/users/:id`. Names that are not identifiers are quoted (`:"user-id"`), literal
 * characters with a meaning in v8 (`:` in `/v1/things:batch`) are escaped.
 */
export function openApiPathToTemplate(path: string): string {
  if (!path.startsWith('/')) throw invalidDocument(`The path "${path}" does not start with "/".`);
  let out = '';
  let last = 0;
  for (const match of path.matchAll(/\{([^{}]+)\}/g)) {
    out += path.slice(last, match.index).replace(V8_SPECIAL, (char) => `\\${char}`);
    const name = match[1]!;
    out += IDENTIFIER.test(name) ? `:${name}` : `:${JSON.stringify(name)}`;
    last = match.index + match[0].length;
  }
  return out + path.slice(last).replace(V8_SPECIAL, (char) => `\\${char}`);
}
