import type { HttpMethod } from '../http.js';
import type { ToolSpec } from '../tool-spec.js';

/**
 * Which routes a rule applies to. Every field given must match (AND); within a
 * list field any entry may match (OR). An empty matcher matches every route.
 */
export interface RouteMatcher {
  /** HTTP methods, e.g. `['GET']`. */
  methods?: readonly HttpMethod[];
  /**
   * Globs on the route's path template: `*` matches within one segment,
   * `**` across segments (`/admin/**`, `/users/:id`, `/v*` ...).
   */
  path?: string | readonly string[];
  /** Tags from the app's metadata or `mcp({ tags })`: any of them. */
  tags?: readonly string[];
  /** Globs on the generated (or given) tool name: `get_*`, `*_admin_*`. */
  name?: string | readonly string[];
  /** Anything else, as a function of the tool the route would become. */
  when?: (tool: ToolSpec) => boolean;
}

/** What a route becomes. `resource` is a resource for a GET without params, a resource template for a GET with params. */
export type RouteRole = 'tool' | 'resource' | 'exclude';

/** One rule of an ordered route map: the first rule that matches a route decides what it becomes. */
export interface RouteMap extends RouteMatcher {
  as: RouteRole;
}

/** The tool-surface options, as {@link decideRole} reads them. */
export interface RouteSelection {
  include?: RouteMatcher | readonly RouteMatcher[];
  exclude?: RouteMatcher | readonly RouteMatcher[];
  routeMaps?: readonly RouteMap[];
  filter?: (tool: ToolSpec) => boolean;
}

/**
 * What a route becomes, in this order: `exclude` matches -> excluded; an
 * `include` is given and none matches -> excluded; the first matching
 * `routeMaps` entry decides (no match: a tool); a tool or resource that `filter`
 * rejects is excluded. An excluded route is neither listed nor callable.
 */
export function decideRole(tool: ToolSpec, selection: RouteSelection): RouteRole {
  const excludes = toList(selection.exclude);
  if (excludes.some((matcher) => matches(matcher, tool))) return 'exclude';
  const includes = toList(selection.include);
  if (includes.length > 0 && !includes.some((matcher) => matches(matcher, tool))) return 'exclude';
  const rule = selection.routeMaps?.find((map) => matches(map, tool));
  const role = rule?.as ?? 'tool';
  // The filter decides over resources as over tools: whatever it rejects is neither listed nor readable.
  if (role !== 'exclude' && selection.filter && !selection.filter(tool)) return 'exclude';
  return role;
}

/** True when every given field of `matcher` matches the route behind `tool`. */
export function matches(matcher: RouteMatcher, tool: ToolSpec): boolean {
  if (matcher.methods && !matcher.methods.includes(tool.binding.method)) return false;
  if (matcher.path !== undefined && !anyGlob(matcher.path, tool.route.path, '/')) return false;
  if (matcher.name !== undefined && !anyGlob(matcher.name, tool.name, undefined)) return false;
  if (matcher.tags && !matcher.tags.some((tag) => tool.tags.includes(tag))) return false;
  if (matcher.when && !matcher.when(tool)) return false;
  return true;
}

function toList<T>(value: T | readonly T[] | undefined): readonly T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}

const compiled = new Map<string, RegExp>();

function anyGlob(globs: string | readonly string[], value: string, separator: '/' | undefined): boolean {
  return toList(globs).some((glob) => globToRegExp(glob, separator).test(value));
}

/**
 * `**` spans anything; `*` spans anything but the separator (path globs) or
 * anything at all (name globs). Small on purpose: a glob library would pull
 * Node's `path` into core, which must run on edge runtimes too.
 */
function globToRegExp(glob: string, separator: '/' | undefined): RegExp {
  const key = `${separator ?? ''}\0${glob}`;
  let pattern = compiled.get(key);
  if (!pattern) {
    const source = glob
      .split('**')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, separator ? '[^/]*' : '.*'))
      .join('.*');
    pattern = new RegExp(`^${source}$`);
    compiled.set(key, pattern);
  }
  return pattern;
}
