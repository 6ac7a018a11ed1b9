import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpMethod } from '@backend2mcp/core';
import {
  admitRoute,
  ROUTE_BOUNDARY_BODY,
  ROUTE_BOUNDARY_STATUS,
  type RouteTarget,
  routeExpectation,
} from '@backend2mcp/core/adapter';
import {
  appStack,
  type ExpressAppLike,
  type ExpressLayer,
  type ExpressRoute,
} from './extract/express-internals.js';
import { childOf } from './extract/mount-path.js';

/**
 * The route boundary for Express (4 and 5): a tool's request runs its own
 * route's handlers and no other route's.
 *
 * - Before dispatch, {@link expressReaches} walks the app's stacks the way
 *   Express's router does, with each layer's own `match()` (so Express's
 *   case-insensitive and non-strict matching, earlier registrations and
 *   mounted routers all count), and finds the route Express will run.
 * - At the route, every route layer extraction (or that walk) saw gets a guard
 *   in front of its handle: a request dispatched for a tool runs the route only
 *   when the route is the tool's and the method is still the tool's (app
 *   middleware such as method-override or URL rewriting can change both).
 */

/** `METHOD template` keys of every tool a route became, recorded by extraction. */
const routeKeys = new WeakMap<ExpressRoute, Set<string>>();
const guarded = new WeakSet<ExpressLayer>();

function keyOf(method: string, path: string): string {
  return `${method} ${path}`;
}

/** Called by extraction for each tool a route becomes: remembers it and guards the route's layer. */
export function rememberRoute(
  layer: ExpressLayer,
  route: ExpressRoute,
  method: HttpMethod,
  path: string,
): void {
  const keys = routeKeys.get(route) ?? new Set<string>();
  keys.add(keyOf(method, path));
  routeKeys.set(route, keys);
  guardLayer(layer, route);
}

/** True when Express sends `method url` to the route extraction reported as `target`. */
export function expressReaches(
  app: ExpressAppLike,
  method: HttpMethod,
  url: string,
  target: RouteTarget,
): boolean {
  const path = url.split('?')[0] ?? '/';
  const reached = reachedRoute(appStack(app), method, path, new Set());
  return reached !== undefined && routeKeys.get(reached)?.has(keyOf(target.method, target.path)) === true;
}

interface MatchingLayer extends ExpressLayer {
  match(path: string): boolean | { path?: string } | undefined;
  /** The part of the path a matching mount layer consumed. */
  path?: string;
}

function reachedRoute(
  stack: ExpressLayer[],
  method: string,
  path: string,
  visiting: Set<ExpressLayer[]>,
): ExpressRoute | undefined {
  if (visiting.has(stack)) return undefined;
  visiting.add(stack);
  try {
    for (const layer of stack as MatchingLayer[]) {
      if (layer.route) guardLayer(layer, layer.route);
      const matched = matchLayer(layer, path);
      if (matched === undefined) continue;
      if (layer.route) {
        if (handlesMethod(layer.route, method)) return layer.route;
        continue;
      }
      // Plain middleware is taken to pass the request on; a router or sub-app gets the rest of the path.
      const child = childOf(layer);
      if (!child || child.kind === 'unreachable sub-app') continue;
      const rest = path.slice(matched.length);
      const found = reachedRoute(child.stack, method, rest.startsWith('/') ? rest : `/${rest}`, visiting);
      if (found) return found;
    }
    return undefined;
  } finally {
    visiting.delete(stack);
  }
}

/** Express's own method check of a route: `_handlesMethod` (router 2, Express 5) or `_handles_method` (Express 4). */
function handlesMethod(route: ExpressRoute, method: string): boolean {
  const own = route as ExpressRoute & {
    _handlesMethod?(method: string): boolean;
    _handles_method?(method: string): boolean;
  };
  if (own._handlesMethod) return own._handlesMethod(method);
  return own._handles_method?.(method) === true;
}

/**
 * Express's own matching of one layer: the part of the path it consumed, or
 * undefined when it does not match. `match()` returns true and sets
 * `layer.path` (Express 4, router 2.0-2.2) or returns the match itself, with
 * its `path` (router 2.3, Express 5.3). A path it cannot decode matches
 * nothing (Express answers 400).
 */
function matchLayer(layer: MatchingLayer, path: string): string | undefined {
  let result: boolean | { path?: string } | undefined;
  try {
    result = layer.match(path);
  } catch {
    return undefined;
  }
  if (!result) return undefined;
  return (typeof result === 'object' ? result.path : layer.path) ?? '';
}

type LayerHandle = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => unknown;

/**
 * Puts the at-route check in front of a route layer's handle (Express 4 binds
 * `route.dispatch` into the layer, so the layer, not the Route prototype, is
 * where every request to the route passes). Ordinary HTTP requests pass untouched.
 */
function guardLayer(layer: ExpressLayer, route: ExpressRoute): void {
  if (guarded.has(layer)) return;
  guarded.add(layer);
  const handle = layer.handle as unknown as LayerHandle;
  const guard: LayerHandle = function routeBoundary(this: unknown, req, res, next) {
    const expectation = routeExpectation(req);
    if (expectation) {
      const own = routeKeys.get(route)?.has(keyOf(expectation.method, expectation.path)) === true;
      if (!admitRoute(expectation, req.method ?? '', own ? expectation.path : undefined)) {
        res.statusCode = ROUTE_BOUNDARY_STATUS;
        res.setHeader('content-type', 'application/json');
        res.end(ROUTE_BOUNDARY_BODY);
        return undefined;
      }
    }
    return handle.call(this, req, res, next);
  };
  layer.handle = guard as unknown as ExpressLayer['handle'];
}
