import { type ExtractedRoutes, type RouteInfo, readRouteMeta } from '@backend2mcp/core';
import {
  CATCH_ALL_METHODS,
  isMcpEndpoint,
  isToolMethod,
  mergeRouteMeta,
  pluginRouteSkipped,
  unexposedMethod,
} from '@backend2mcp/core/adapter';
import type { HonoAppLike } from '../hono-internals.js';
import type { OperationInfo } from './hono-path.js';
import { translateHonoPath } from './hono-path.js';
import { HONO_IDIOM, pluginRouteKind } from './plugin-routes.js';

/**
 * Reads every route of a Hono app from `app.routes`, which already holds full
 * paths (`basePath()` and `app.route()` applied). Hono lists one entry per
 * handler, so within a method and path the last entry is the endpoint and the
 * earlier ones are its middleware; `app.use()` middleware (`ALL` on a path
 * ending in `*`) is not a route. CORS preflight, HEAD, static-file, Swagger UI
 * and OpenAPI-document routes are reported in `skipped` unless they carry an
 * `mcp()` marker. Schemas come from the app's OpenAPI document
 * when it has one (`operations`, keyed `METHOD /path`).
 */
export function extractRoutes(
  app: HonoAppLike,
  operations: Map<string, OperationInfo> = new Map(),
): ExtractedRoutes {
  const groups = new Map<string, Array<HonoAppLike['routes'][number]>>();
  for (const entry of app.routes) {
    const method = entry.method.toUpperCase();
    if (method === 'ALL' && entry.path.endsWith('*')) continue; // app.use() middleware
    const key = `${method} ${entry.path}`;
    const group = groups.get(key);
    if (group) group.push(entry);
    else groups.set(key, [entry]);
  }

  const routes: RouteInfo[] = [];
  const skipped: ExtractedRoutes['skipped'] = [];
  const seen = new Set<string>();
  for (const [key, group] of groups) {
    if (group.some((entry) => isMcpEndpoint(entry.handler))) continue;
    const [honoMethod, path] = splitKey(key);
    const methods = honoMethod === 'ALL' ? CATCH_ALL_METHODS : [honoMethod];
    const { template, paramPatterns } = translateHonoPath(path);
    const meta = mergeRouteMeta(
      group.map((entry) => readRouteMeta(entry.handler)).filter((entry) => entry !== undefined),
    );
    for (const method of methods) {
      if (!isToolMethod(method)) {
        skipped.push(unexposedMethod(method, path));
        continue;
      }
      const routeKey = `${method} ${template}`;
      if (seen.has(routeKey)) continue;
      seen.add(routeKey);
      // A route the app marked with mcp() asked to be a tool; plumbing is skipped otherwise.
      const plumbing = meta
        ? undefined
        : pluginRouteKind(
            method,
            group.map((entry) => entry.handler),
          );
      if (plumbing) {
        skipped.push(
          pluginRouteSkipped(`${method} ${path}`, plumbing.kind, {
            ...HONO_IDIOM,
            ...(plumbing.example ? { example: plumbing.example } : {}),
          }),
        );
        continue;
      }
      const operation = operations.get(`${method} ${path}`);
      routes.push({
        method,
        path: template,
        ...(paramPatterns ? { paramPatterns } : {}),
        ...(operation && Object.keys(operation.schemas).length > 0 ? { schemas: operation.schemas } : {}),
        ...(operation?.bodyEncoding ? { bodyEncoding: operation.bodyEncoding } : {}),
        ...(operation?.summary ? { summary: operation.summary } : {}),
        ...(operation?.description ? { description: operation.description } : {}),
        ...(operation?.tags ? { tags: operation.tags } : {}),
        ...(meta ? { meta } : {}),
        source: `hono route ${path}`,
      });
    }
  }
  return { routes, skipped };
}

function splitKey(key: string): [string, string] {
  const space = key.indexOf(' ');
  return [key.slice(0, space), key.slice(space + 1)];
}
