import type { HttpMethod } from '@backend2mcp/core';
import {
  admitRoute,
  parsePathTemplate,
  ROUTE_BOUNDARY_BODY,
  ROUTE_BOUNDARY_STATUS,
  type RouteTarget,
  routeExpectation,
} from '@backend2mcp/core/adapter';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { translateFastifyPath } from './collect/fastify-path.js';
import type { FastifyRouteFinder } from './fastify-internals.js';

/**
 * The route boundary for Fastify: a tool's request runs its own route and no
 * other (Fastify prefers a static route such as `/users/admin` over
 * `/users/:id` whatever the registration order, and `rewriteUrl` can send a
 * request elsewhere).
 *
 * - At the route (exact): a root `onRequest` hook, added when the adapter is
 *   created, compares the route Fastify matched (`request.routeOptions.url`,
 *   in the same translation extraction uses) and the method with the tool's,
 *   and answers 404 before any route-level hook or handler runs.
 * - Before dispatch: `app.findRoute()` asks Fastify's router; it does not say
 *   which route it found, only its params, so a route whose params differ from
 *   the tool's template (a static route for a parametric tool) is refused there.
 */

interface Hookable {
  addHook(
    name: 'onRequest',
    hook: (request: FastifyRequest, reply: FastifyReply, done: () => void) => void,
  ): unknown;
}

/** Adds the at-route check to every route of the app; false when the app has already started. */
export function guardFastifyRoutes(app: Hookable): boolean {
  try {
    app.addHook('onRequest', function routeBoundary(request, reply, done) {
      const expectation = routeExpectation(request.raw);
      if (expectation) {
        const url = request.routeOptions.url;
        const translated = url === undefined ? undefined : translateFastifyPath(url);
        const path = translated?.ok ? translated.template : undefined;
        if (!admitRoute(expectation, request.method, path)) {
          reply.code(ROUTE_BOUNDARY_STATUS).type('application/json').send(ROUTE_BOUNDARY_BODY);
          return;
        }
      }
      done();
    });
    return true;
  } catch {
    return false; // Fastify refuses hooks once started
  }
}

/** Before dispatch: Fastify finds a route for `method url` whose params are those of `target`'s template. */
export function fastifyReaches(
  app: FastifyRouteFinder,
  method: HttpMethod,
  url: string,
  target: RouteTarget,
): boolean {
  const found = app.findRoute({ method, url: url.split('?')[0] ?? '/' });
  if (!found) return false;
  // Fastify names a wildcard `*`; the template calls it `wildcard` (see translateFastifyPath).
  const foundNames = Object.keys(found.params)
    .map((name) => (name === '*' ? 'wildcard' : name))
    .sort();
  const templateNames = parsePathTemplate(target.path)
    .params.filter((param) => !param.optional || found.params[param.name] !== undefined)
    .map((param) => param.name)
    .sort();
  return foundNames.join('\0') === templateNames.join('\0');
}
