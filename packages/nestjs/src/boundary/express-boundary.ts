import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpMethod } from '@backend2mcp/core';
import {
  admitRoute,
  ROUTE_BOUNDARY_BODY,
  ROUTE_BOUNDARY_STATUS,
  type RouteTarget,
  routeExpectation,
} from '@backend2mcp/core/adapter';

/**
 * The route boundary on Nest's Express platform: a tool's request runs its own
 * route and no other. Nest registers each handler as a route of the Express
 * app at its full path (prefix, `RouterModule` path and URI version included),
 * the same path discovery gives the tool, so a route is the tool's when the
 * Express route's path and the method are the tool's.
 *
 * Nest also registers middleware bound to routes (`forRoutes()`) as Express
 * routes, at paths of their own (`/cats/`, `/{*path}`); those pass the request
 * on, so only layers at a handler's method and path (`handlers`, from
 * discovery, tools or not) count as routes here.
 *
 * - Before dispatch, {@link expressPlatformReaches} walks the app's stack with
 *   each layer's own `match()` (Express's case-insensitive, non-strict
 *   matching and registration order) to the first handler that takes the method.
 * - At the route, {@link guardExpressRoutes} puts a check in front of every
 *   handler's layer: app middleware that rewrote the URL or the method cannot
 *   send a tool's request to another route's handler.
 */

type LayerHandle = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => unknown;

interface ExpressRoute {
  path: string;
  _handlesMethod?(method: string): boolean;
  _handles_method?(method: string): boolean;
}

interface ExpressLayer {
  route?: ExpressRoute;
  handle: LayerHandle;
  /** Express 4 and router 2.0-2.2 return a boolean and set `path`; router 2.3 returns the match. */
  match(path: string): boolean | { path?: string } | undefined;
}

const guarded = new WeakSet<ExpressLayer>();
const HANDLER_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/** The Express app's router stack (Express 5: `app.router`; Express 4: `app._router`). */
function stackOf(instance: unknown): ExpressLayer[] {
  const app = instance as { router?: { stack?: ExpressLayer[] }; _router?: { stack?: ExpressLayer[] } };
  return app.router?.stack ?? app._router?.stack ?? [];
}

/** True when Express sends `method url` to the route registered at `target`'s path. */
export function expressPlatformReaches(
  instance: unknown,
  handlers: ReadonlySet<string>,
  method: HttpMethod,
  url: string,
  target: RouteTarget,
): boolean {
  const path = url.split('?')[0] ?? '/';
  for (const layer of stackOf(instance)) {
    if (!isHandler(layer, handlers) || !matches(layer, path) || !handles(layer.route!, method)) continue;
    guardLayer(layer); // a route registered after the last extraction gets its check too
    return layer.route!.path === target.path && method === target.method;
  }
  return false;
}

/** Puts the at-route check in front of every handler's route layer (again after routes are added). */
export function guardExpressRoutes(instance: unknown, handlers: ReadonlySet<string>): void {
  for (const layer of stackOf(instance)) if (isHandler(layer, handlers)) guardLayer(layer);
}

/** Each layer's answer, per handler set (a new set comes with each extraction): every call walks the stack. */
const classified = new WeakMap<ReadonlySet<string>, WeakMap<ExpressLayer, boolean>>();

/** A route layer at the method and path of one of the app's handlers. */
function isHandler(layer: ExpressLayer, handlers: ReadonlySet<string>): boolean {
  const route = layer.route;
  if (!route) return false;
  let known = classified.get(handlers);
  if (!known) {
    known = new WeakMap();
    classified.set(handlers, known);
  }
  let answer = known.get(layer);
  if (answer === undefined) {
    // Asked through Express's own method check, so an `@All()` route (Express's `_all`) counts for each method.
    answer = HANDLER_METHODS.some(
      (method) => handlers.has(`${method} ${route.path}`) && handles(route, method),
    );
    known.set(layer, answer);
  }
  return answer;
}

function matches(layer: ExpressLayer, path: string): boolean {
  try {
    return Boolean(layer.match(path));
  } catch {
    return false; // a path Express cannot decode matches nothing (it answers 400)
  }
}

function handles(route: ExpressRoute, method: string): boolean {
  if (route._handlesMethod) return route._handlesMethod(method);
  return route._handles_method?.(method) === true;
}

/** Ordinary HTTP requests pass untouched; a tool's request runs the route only when it is the tool's. */
function guardLayer(layer: ExpressLayer): void {
  if (guarded.has(layer) || !layer.route) return;
  guarded.add(layer);
  const route = layer.route;
  const handle = layer.handle;
  layer.handle = function routeBoundary(this: unknown, req, res, next) {
    if (!admitRoute(routeExpectation(req), req.method ?? '', route.path)) {
      res.statusCode = ROUTE_BOUNDARY_STATUS;
      res.setHeader('content-type', 'application/json');
      res.end(ROUTE_BOUNDARY_BODY);
      return undefined;
    }
    return handle.call(this, req, res, next);
  };
}
