import { Backend2McpError } from './errors.js';
import type { HttpMethod } from './http-method.js';

/**
 * The route boundary: a tool reaches its own route and nothing else.
 *
 * A tool for `GET /users/:id` called with `id: "admin"` asks for `GET /users/admin`;
 * if the app also has a hidden, excluded or more-scoped route that the
 * framework sends that URL to (a static route Fastify prefers, a route Express
 * matches case-insensitively, an earlier registration), the call would run a
 * route the caller may not call. Two checks keep it out:
 *
 * 1. before dispatch, core asks the adapter which route the framework's own
 *    router sends the request to ({@link RouteSource.reaches}) and refuses the
 *    call when it is not the tool's route;
 * 2. at the route, the adapter compares the route the request actually
 *    arrived at (after any app middleware that rewrote its method or URL)
 *    with the {@link RouteExpectation} the dispatch carries, and answers 404
 *    without running the route when they differ, marking the expectation refused.
 */

/** A route as extraction reports it: its method and its path template (core syntax). */
export interface RouteTarget {
  readonly method: HttpMethod;
  readonly path: string;
}

/** The route one dispatched request must reach; the adapter marks it `refused` when it reached another. */
export interface RouteExpectation extends RouteTarget {
  refused: boolean;
}

/** Answers whether the framework's own router sends `method url` to `route` (the adapter's part of the boundary). */
export type RouteReach = (method: HttpMethod, url: string, route: RouteTarget) => boolean;

/** The status a guard answers with when a request arrives at another route than its tool's. */
export const ROUTE_BOUNDARY_STATUS = 404;

/** The body a guard answers with: it names no route, the other one may be hidden. */
export const ROUTE_BOUNDARY_BODY = JSON.stringify({ error: 'Not found.' });

const expectations = new WeakMap<object, RouteExpectation>();

/** Creates the expectation for one call to `route`. */
export function expectationFor(route: RouteTarget): RouteExpectation {
  return { method: route.method, path: route.path, refused: false };
}

/** Attaches the call's expectation to the framework's request object (`IncomingMessage`, web `Request`). */
export function expectRoute(request: object, expectation: RouteExpectation | undefined): void {
  if (expectation) expectations.set(request, expectation);
}

/** The expectation a request carries, or undefined for an ordinary HTTP request. */
export function routeExpectation(request: object): RouteExpectation | undefined {
  return expectations.get(request);
}

/**
 * True when a request with `method` that arrived at the route `path` is the
 * expected one. Without an expectation (an ordinary HTTP request) every route is allowed.
 * Otherwise marks the expectation refused and returns false.
 */
export function admitRoute(
  expectation: RouteExpectation | undefined,
  method: string,
  path: string | undefined,
): boolean {
  if (!expectation) return true;
  if (method.toUpperCase() === expectation.method && path === expectation.path) return true;
  expectation.refused = true;
  return false;
}

/** The error a call gets when its arguments lead to another route than its tool's. */
export function routeBoundaryError(toolName: string, route: RouteTarget): Backend2McpError {
  return new Backend2McpError(
    'ROUTE_BOUNDARY',
    `The arguments of ${toolName} lead to another route than its own (${route.method} ${route.path}), so the call was refused; no route ran.`,
  );
}
