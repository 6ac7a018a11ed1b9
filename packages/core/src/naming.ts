import type { Token } from 'path-to-regexp';
import { Backend2McpError } from './errors.js';
import type { HttpMethod } from './http.js';
import type { PathTemplate } from './path-template.js';

/** Longest generated tool name. Clients truncate around 64 characters, so names stay within it. */
export const MAX_TOOL_NAME_LENGTH = 64;

/** What the MCP spec allows in a tool name. */
const VALID_TOOL_NAME = /^[A-Za-z0-9_.-]{1,128}$/;

/**
 * Splits an identifier or path text into lower-case snake words:
 * `orgId` -> `org_id`, `HTTPServer` -> `http_server`, `user-profiles` -> `user_profiles`.
 * Characters outside `[A-Za-z0-9]` separate words and are dropped.
 */
export function toSnakeWords(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0)
    .map((word) => word.toLowerCase());
}

/**
 * The readable units a name is made of: each static word, and `by_<param>` for
 * each parameter. Shortening drops whole units, never letters of a word.
 */
function nameUnits(tokens: Token[]): string[] {
  const units: string[] = [];
  for (const token of tokens) {
    if (token.type === 'text') units.push(...toSnakeWords(token.value));
    else if (token.type === 'group') units.push(...nameUnits(token.tokens));
    else {
      const words = toSnakeWords(token.name);
      units.push(['by', ...(words.length > 0 ? words : ['param'])].join('_'));
    }
  }
  return units;
}

/** FNV-1a, 32 bit, as 7 base-36 characters: a short deterministic fingerprint of a full name. */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36).padStart(7, '0');
}

/**
 * The generated tool name of a route, before collisions are resolved.
 *
 * | route | name |
 * | --- | --- |
 * | `GET /users/:id` | `get_users_by_id` |
 * | `POST /users` | `post_users` |
 * | `GET /orgs/:orgId/users/:userId` | `get_orgs_by_org_id_users_by_user_id` |
 * | `GET /` | `get_root` |
 *
 * A name longer than {@link MAX_TOOL_NAME_LENGTH} keeps the method and as many
 * trailing units as fit, then a fingerprint of the full name, so it stays
 * readable, deterministic and distinct from its siblings.
 */
export function generateToolName(method: HttpMethod, template: PathTemplate): string {
  const verb = method.toLowerCase();
  const units = nameUnits(template.tokens);
  if (units.length === 0) units.push('root');
  const full = [verb, ...units].join('_');
  if (full.length <= MAX_TOOL_NAME_LENGTH) return full;

  const suffix = fingerprint(full);
  // verb + "_" + tail + "_" + suffix must fit.
  let budget = MAX_TOOL_NAME_LENGTH - verb.length - suffix.length - 2;
  const tail: string[] = [];
  for (let i = units.length - 1; i >= 0; i--) {
    const unit = units[i]!;
    const cost = unit.length + (tail.length > 0 ? 1 : 0);
    if (cost > budget) break;
    tail.unshift(unit);
    budget -= cost;
  }
  // A single unit longer than the whole budget: keep its end rather than nothing.
  if (tail.length === 0) tail.push(units[units.length - 1]!.slice(-budget));
  return [verb, ...tail, suffix].join('_');
}

/** Throws `INVALID_TOOL_NAME` unless `name` is a valid MCP tool name. */
export function assertValidToolName(name: string, origin: string): void {
  if (!VALID_TOOL_NAME.test(name)) {
    throw new Backend2McpError(
      'INVALID_TOOL_NAME',
      `Tool name "${name}" of ${origin} is not valid: use 1-128 characters from A-Z, a-z, 0-9, "_", "-" and ".".`,
    );
  }
}

/** One name request: an explicit name from the route's overrides, or a generated one. */
export interface NameRequest {
  name: string;
  explicit: boolean;
  /** Sort key that decides who keeps a contested name, independent of registration order. */
  sortKey: string;
  /** For error messages, e.g. `GET /users/:id`. */
  origin: string;
}

/**
 * Makes names unique. Explicit names must already be unique (two routes asking
 * for the same name is a configuration error). A generated name that collides
 * gets `_2`, `_3`, ... in the order of the routes' sort keys, so the result does
 * not depend on the order routes were registered.
 */
export function resolveNameCollisions(requests: NameRequest[]): string[] {
  const taken = new Map<string, string>();
  for (const request of requests) {
    if (!request.explicit) continue;
    assertValidToolName(request.name, request.origin);
    const previous = taken.get(request.name);
    if (previous !== undefined) {
      throw new Backend2McpError(
        'DUPLICATE_TOOL_NAME',
        `Tool name "${request.name}" is given to both ${previous} and ${request.origin}; give one of them another name.`,
      );
    }
    taken.set(request.name, request.origin);
  }

  const result: string[] = requests.map((request) => request.name);
  const generated = requests
    .map((request, index) => ({ request, index }))
    .filter(({ request }) => !request.explicit)
    .sort((a, b) =>
      a.request.sortKey < b.request.sortKey ? -1 : a.request.sortKey > b.request.sortKey ? 1 : 0,
    );
  for (const { request, index } of generated) {
    let name = request.name;
    for (let n = 2; taken.has(name); n++) {
      const suffix = `_${n}`;
      name = request.name.slice(0, MAX_TOOL_NAME_LENGTH - suffix.length) + suffix;
    }
    taken.set(name, request.origin);
    result[index] = name;
  }
  return result;
}
