import {
  type ExtractedRoutes,
  type McpRouteMeta,
  type RouteInfo,
  readRouteMeta,
  type SkippedRoute,
} from '@backend2mcp/core';
import {
  isMcpEndpoint,
  mergeRouteMeta,
  type PathTemplate,
  parsePathTemplate,
  pluginMiddlewareSkipped,
  pluginRouteSkipped,
  regexPathSkipped,
  unexposedMethod,
} from '@backend2mcp/core/adapter';
import { rememberRoute } from '../route-boundary.js';
import { bodyEncodingOf, parserOf } from './body-parsers.js';
import {
  appStack,
  type ExpressAppLike,
  type ExpressLayer,
  type ExpressRoute,
  type PathSpec,
  usesExpress4Syntax,
} from './express-internals.js';
import { translateExpress4Path } from './express4-path.js';
import { flattenPathSpec, joinPaths } from './join-paths.js';
import { childOf, mountPathOf } from './mount-path.js';
import { EXPRESS_IDIOM, pluginMiddlewareOf, pluginRouteKind } from './plugin-routes.js';
import { routeMethods } from './route-methods.js';
import { urlSpaceKey } from './url-space.js';

const PRELOAD_HINT =
  'import @backend2mcp/express before building the app, or run with `node --import @backend2mcp/express/register`';

/** A template with the param patterns collected along the way (Express 4 `:id(\\d+)`). */
interface PathPart {
  template: string;
  paramPatterns: Record<string, string>;
}

interface Walk {
  routes: RouteInfo[];
  skipped: SkippedRoute[];
  /** URL-space keys already taken by an earlier route. */
  seen: Set<string>;
  /** Stacks on the current descent: a router mounted inside itself is walked once. */
  visiting: Set<ExpressLayer[]>;
  /** Body parsers (`json`, `form`, `multipart`) of the layers walked so far on the current descent. */
  parsers: string[];
  /** Templates where swagger-ui-express's middleware is mounted: a GET route there is its page. */
  swaggerMounts: Set<string>;
}

/**
 * Reads every route of an Express app (4 or 5) with its full path template in
 * path-to-regexp v8 syntax, following routers and sub-apps mounted at any depth.
 *
 * - `app.all()` stands for GET, POST, PUT, PATCH and DELETE; the HEAD Express
 *   answers for a GET is not listed.
 * - Array paths fan out into one route per path; a route that matches the same
 *   requests as an earlier one (same method, same template up to param names)
 *   is dropped, as Express only ever dispatches to the first.
 * - `mcp()` markers on a route are merged in order into `meta`.
 * - The MCP endpoint itself (a handler marked with `MCP_ENDPOINT_MARK`) and
 *   everything under it are left out.
 * - Whatever has no exact template is reported in `skipped` with the reason,
 *   never guessed: regex paths, Express 4 paths with regex syntax, and routers
 *   or sub-apps whose mount path was not recorded because they were mounted
 *   before `instrumentExpress()` ran.
 *
 * @example
 * ```ts
 * const { routes, skipped } = extractRoutes(app);
 * // routes: [{ method: 'GET', path: '/api/v1/users/:id', source: 'router mounted at /api/v1' }, ...]
 * ```
 */
export function extractRoutes(app: ExpressAppLike): ExtractedRoutes {
  const walk: Walk = {
    routes: [],
    skipped: [],
    seen: new Set(),
    visiting: new Set(),
    parsers: [],
    swaggerMounts: new Set(),
  };
  walkStack(appStack(app), [{ template: '', paramPatterns: {} }], 'app', walk);
  return { routes: walk.routes, skipped: walk.skipped };
}

function walkStack(stack: ExpressLayer[], mounts: PathPart[], source: string, walk: Walk): void {
  if (walk.visiting.has(stack)) return;
  walk.visiting.add(stack);
  const parsersAbove = walk.parsers.length;
  for (const layer of stack) {
    if (isMcpEndpoint(layer.handle)) continue;
    if (layer.route) {
      addRoute(layer, layer.route, mounts, source, walk);
      continue;
    }
    const parser = parserOf(layer);
    if (parser) {
      walk.parsers.push(parser);
      continue;
    }
    const child = childOf(layer);
    if (!child) {
      notePluginMiddleware(layer, mounts, walk);
      continue;
    }
    if (child.kind === 'unreachable sub-app') {
      const at =
        layer.rawPath === undefined ? '' : ` at ${flattenPathSpec(layer.rawPath).map(String).join(', ')}`;
      walk.skipped.push({
        route: `sub-app${at}`,
        reason: `Express does not keep a sub-app mounted before instrumentation reachable, so its routes are not exposed; ${PRELOAD_HINT}`,
      });
      continue;
    }
    const spec = mountPathOf(layer);
    if (spec === undefined) {
      walk.skipped.push({
        route: `${child.kind} in ${source}`,
        reason:
          `its mount path was not recorded because it was mounted before backend2mcp instrumented express, ` +
          `so what it holds is not exposed (${describeContents(child.stack)}); ${PRELOAD_HINT}`,
      });
      continue;
    }
    const below = translatePaths(spec, usesExpress4Syntax(layer), `mount in ${source}`, walk);
    const nested = mounts.flatMap((mount) => below.map((part) => joinParts(mount, part)));
    if (nested.length === 0) continue;
    const at = nested.map((part) => part.template).join(', ');
    walkStack(child.stack, nested, `${child.kind} mounted at ${at}`, walk);
  }
  // A router's parsers apply to what it holds, not to what follows it.
  walk.parsers.length = parsersAbove;
  walk.visiting.delete(stack);
}

function addRoute(
  layer: ExpressLayer,
  route: ExpressRoute,
  mounts: PathPart[],
  source: string,
  walk: Walk,
): void {
  if (route.stack.some((entry) => isMcpEndpoint(entry.handle))) return;
  const methods = routeMethods(route);
  const meta = mergeRouteMeta(route.stack.map((entry) => readRouteMeta(entry.handle)).filter(isMeta));
  const bodyEncoding = bodyEncodingOf(walk.parsers, route);
  // A route the app hides with mcp({ hidden: true }) would never be a tool: no warning about its path.
  const report = meta?.hidden !== true;
  const paths = translatePaths(
    route.path,
    usesExpress4Syntax(layer),
    `route in ${source}`,
    report ? walk : undefined,
  );
  for (const path of paths) {
    for (const mount of mounts) {
      const { template, paramPatterns } = joinParts(mount, path);
      const parsed = checkTemplate(template, walk);
      if (!parsed) continue;
      const patterns = Object.keys(paramPatterns).length > 0 ? paramPatterns : undefined;
      for (const method of methods.exposed) {
        const key = urlSpaceKey(method, parsed, patterns);
        if (walk.seen.has(key)) continue;
        walk.seen.add(key);
        // A route the app marked with mcp() asked to be a tool; plumbing is skipped otherwise.
        const plumbing = meta ? undefined : pluginRouteKind(method, template, route, walk.swaggerMounts);
        if (plumbing) {
          walk.skipped.push(
            pluginRouteSkipped(`${method} ${template}`, plumbing.kind, {
              ...EXPRESS_IDIOM,
              ...(plumbing.example ? { example: plumbing.example } : {}),
            }),
          );
          continue;
        }
        rememberRoute(layer, route, method, template);
        walk.routes.push({
          method,
          path: template,
          ...(patterns ? { paramPatterns: patterns } : {}),
          ...(meta ? { meta } : {}),
          ...(bodyEncoding ? { bodyEncoding } : {}),
          source,
        });
      }
      for (const method of methods.unexposed) {
        walk.skipped.push(unexposedMethod(method, template));
      }
    }
  }
}

/**
 * Reports middleware that serves documentation or files (swagger-ui-express,
 * `express.static`) as skipped, so `list` says why `/docs` is no tool, and
 * remembers where swagger-ui is mounted for the GET route that serves its page.
 */
function notePluginMiddleware(layer: ExpressLayer, mounts: PathPart[], walk: Walk): void {
  const plugin = pluginMiddlewareOf(layer);
  if (!plugin) return;
  const spec = mountPathOf(layer) ?? '/';
  const below = translatePaths(spec, usesExpress4Syntax(layer), 'middleware', undefined);
  for (const part of mounts.flatMap((mount) => below.map((path) => joinParts(mount, path)))) {
    // swagger-ui-express serves its assets with express.static right after its own middleware.
    if (plugin.kind === 'static-files' && walk.swaggerMounts.has(part.template)) continue;
    if (plugin.kind === 'swagger-ui') walk.swaggerMounts.add(part.template);
    const route = plugin.kind === 'swagger-ui' ? part.template : joinPaths(part.template, '*');
    walk.skipped.push(pluginMiddlewareSkipped(`GET ${route}`, plugin.kind, plugin.plugin));
  }
}

/**
 * One entry per path of a spec, in template syntax; regex paths and
 * untranslatable ones go to `skipped` (when a walk is given to report to).
 */
function translatePaths(
  spec: PathSpec,
  express4: boolean,
  origin: string,
  walk: Walk | undefined,
): PathPart[] {
  const parts: PathPart[] = [];
  for (const path of flattenPathSpec(spec)) {
    if (path instanceof RegExp) {
      walk?.skipped.push(regexPathSkipped(`${origin}: ${String(path)}`));
    } else if (!express4) {
      parts.push({ template: path, paramPatterns: {} });
    } else {
      const translated = translateExpress4Path(path);
      if (translated.ok)
        parts.push({ template: translated.template, paramPatterns: translated.paramPatterns ?? {} });
      else walk?.skipped.push({ route: `${origin}: ${path}`, reason: translated.reason });
    }
  }
  return parts;
}

function joinParts(mount: PathPart, part: PathPart): PathPart {
  return {
    template: joinPaths(mount.template, part.template),
    paramPatterns: { ...mount.paramPatterns, ...part.paramPatterns },
  };
}

/**
 * The parsed template, or undefined (and a skipped entry) when it is not one a
 * tool can fill: invalid, or naming a param twice (`/orgs/:id` mounting
 * `/items/:id`), which would force one value into both places.
 */
function checkTemplate(template: string, walk: Walk): PathTemplate | undefined {
  let parsed: PathTemplate;
  try {
    parsed = parsePathTemplate(template);
  } catch (error) {
    walk.skipped.push({ route: template, reason: (error as Error).message });
    return undefined;
  }
  const names = parsed.params.map((param) => param.name);
  const repeated = names.find((name, index) => names.indexOf(name) !== index);
  if (repeated === undefined) return parsed;
  walk.skipped.push({
    route: template,
    reason: `the path param "${repeated}" appears twice (in a mount path and below it); rename one so each can be given its own value`,
  });
  return undefined;
}

/** What a stack holds, briefly, for a warning: its first routes and how many routers it nests. */
function describeContents(stack: ExpressLayer[]): string {
  const routes = stack.flatMap((layer) => {
    if (!layer.route) return [];
    const { exposed, unexposed } = routeMethods(layer.route);
    return [
      `${[...exposed, ...unexposed].join('|')} ${flattenPathSpec(layer.route.path).map(String).join(', ')}`,
    ];
  });
  const nested = stack.filter((layer) => !layer.route && childOf(layer)).length;
  const parts = routes.slice(0, 5);
  if (routes.length > 5) parts.push(`${routes.length - 5} more routes`);
  if (nested > 0) parts.push(`${nested} nested router${nested > 1 ? 's' : ''}`);
  return parts.length > 0 ? parts.join(', ') : 'no routes';
}

function isMeta(meta: McpRouteMeta | undefined): meta is McpRouteMeta {
  return meta !== undefined;
}
