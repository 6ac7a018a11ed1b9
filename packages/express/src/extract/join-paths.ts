import type { PathSpec } from './express-internals.js';

/** A path spec as a flat list: arrays fan out into one entry per path, as Express matches any of them. */
export function flattenPathSpec(spec: PathSpec): Array<string | RegExp> {
  return Array.isArray(spec) ? spec.flatMap(flattenPathSpec) : [spec];
}

/**
 * Joins a mount prefix and a path below it the way Express matches them
 * (trailing slashes are optional in its default non-strict mode, so `/` mounts
 * collapse): `/api` + `/users` = `/api/users`, `/api` + `/` = `/api`,
 * `/` + `/users` = `/users`, `/users` + `{/:id}` = `/users{/:id}`.
 */
export function joinPaths(prefix: string, path: string): string {
  const head = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  if (path === '/' || path === '') return head === '' ? '/' : head;
  const tail = path.startsWith('/') || path.startsWith('{') ? path : `/${path}`;
  return `${head}${tail}`;
}
