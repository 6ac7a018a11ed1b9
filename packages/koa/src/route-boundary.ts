import type { IncomingMessage } from 'node:http';
import type { HttpMethod } from '@backend2mcp/core';
import {
  admitRoute,
  ROUTE_BOUNDARY_BODY,
  ROUTE_BOUNDARY_STATUS,
  type RouteTarget,
  routeExpectation,
} from '@backend2mcp/core/adapter';
import {
  type KoaAppLike,
  type KoaLayer,
  type KoaRouterLike,
  mountedRouters,
} from './extract/koa-internals.js';
import { koaPathTemplate } from './extract/legacy-path.js';

/**
 * The route boundary for Koa + @koa/router: a tool's request runs its own
 * route and no other (@koa/router matches case-insensitively by default and
 * runs every matching route in registration order; koa-methodoverride or a
 * URL rewrite can send a request elsewhere).
 *
 * - Before dispatch, {@link koaReaches} asks each mounted router, in order,
 *   with its own `router.match(path, method)`, which route layer runs first.
 * - At the route, each route layer gets a guard at the head of its stack (it
 *   runs after the router set `ctx.params`, before the route's own
 *   middleware): a request serving a tool call continues only in the tool's
 *   layer with the tool's method, else it is answered 404.
 */

interface MatchingRouter extends KoaRouterLike {
  match(path: string, method: string): { pathAndMethod: KoaLayer[]; route: boolean };
  exclusive?: boolean;
  opts?: { exclusive?: boolean | 'specificity' };
}

interface KoaGuardContext {
  req: IncomingMessage;
  method: string;
  status: number;
  type: string;
  body: unknown;
}

const guarded = new WeakSet<KoaLayer>();
const guardedCounts = new WeakMap<KoaRouterLike, number>();

/** Before dispatch: the first route Koa runs for `method url` is `target`. */
export function koaReaches(app: KoaAppLike, method: HttpMethod, url: string, target: RouteTarget): boolean {
  guardKoaRoutes(app);
  const path = url.split('?')[0] ?? '/';
  for (const router of mountedRouters(app) as MatchingRouter[]) {
    const matched = router.match(path, method);
    if (!matched.route) continue;
    const layer = firstRun(router, matched.pathAndMethod);
    return layer !== undefined && templateOf(layer) === target.path && method === target.method;
  }
  return false;
}

/** The layer's path as its tool's template (older routers' syntax translated, as extraction does). */
function templateOf(layer: KoaLayer): string | undefined {
  if (typeof layer.path !== 'string') return undefined;
  const translated = koaPathTemplate(layer.path);
  return translated.ok ? translated.template : undefined;
}

/** The route layer whose handler runs first, as @koa/router chooses (exclusive or not). */
function firstRun(router: MatchingRouter, layers: KoaLayer[]): KoaLayer | undefined {
  if (!router.exclusive) return layers.find((layer) => layer.methods.length > 0);
  if (router.opts?.exclusive === 'specificity') {
    let chosen: KoaLayer | undefined;
    for (const layer of layers) {
      const count = (layer as KoaLayer & { paramNames: unknown[] }).paramNames.length;
      if (!chosen || count < (chosen as KoaLayer & { paramNames: unknown[] }).paramNames.length)
        chosen = layer;
    }
    return chosen;
  }
  return layers.at(-1);
}

/** Puts the at-route guard at the head of every route layer of every mounted router (once per layer). */
export function guardKoaRoutes(app: KoaAppLike): void {
  for (const router of mountedRouters(app)) {
    if (guardedCounts.get(router) === router.stack.length) continue;
    guardedCounts.set(router, router.stack.length);
    for (const layer of router.stack) {
      if (layer.methods.length === 0 || guarded.has(layer)) continue;
      guarded.add(layer);
      const path = templateOf(layer);
      const guard = (ctx: KoaGuardContext, next: () => Promise<unknown>) => {
        if (admitRoute(routeExpectation(ctx.req), ctx.method, path)) return next();
        ctx.status = ROUTE_BOUNDARY_STATUS;
        ctx.type = 'application/json';
        ctx.body = ROUTE_BOUNDARY_BODY;
        return undefined;
      };
      layer.stack.unshift(guard as never);
    }
  }
}
