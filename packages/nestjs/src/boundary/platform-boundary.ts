import type { HttpMethod } from '@backend2mcp/core';
import type { RouteReach, RouteTarget } from '@backend2mcp/core/adapter';
import { fastifyReaches, guardFastifyRoutes } from '@backend2mcp/fastify/dispatch';
import type { DiscoveredRoutes } from '../discover/discover-routes.js';
import type { NestHttpAdapter } from '../nest-internals.js';
import { expressPlatformReaches, guardExpressRoutes } from './express-boundary.js';

/**
 * On a route record: the version a header- or media-type-versioned variant is
 * registered under. Fastify's router only finds such a route given that
 * version as a constraint (Nest derives it from the request's headers).
 */
export const VERSION_CONSTRAINT = Symbol('backend2mcp.nestjs.versionConstraint');

/**
 * The route boundary of a Nest app, on whichever platform it runs (see core's
 * `route-boundary.ts`): the check at the route, and the router's answer before dispatch.
 */
export interface PlatformBoundary {
  /** Records the app's handlers, as discovery found them, tools or not. */
  know(discovered: DiscoveredRoutes): void;
  /**
   * Puts the check at the route. Fastify: a root `onRequest` hook, which
   * Fastify accepts until the instance is ready (false after: only the check
   * before dispatch then holds). Express: a check in front of every handler's
   * route layer, repeated after each extraction for routes added since.
   */
  guard(): boolean;
  reaches: RouteReach;
}

interface RouteFinder {
  findRoute(options: { method: string; url: string; constraints?: object }): {
    params: Record<string, unknown>;
  } | null;
}

const fastifyGuarded = new WeakMap<object, boolean>();

export function platformBoundary(httpAdapter: () => NestHttpAdapter): PlatformBoundary {
  let handlers = new Set<string>();
  const platform = () => {
    const adapter = httpAdapter();
    return { fastify: adapter.getType() === 'fastify', instance: adapter.getInstance() as object };
  };
  return {
    know(discovered) {
      const keys = new Set<string>();
      for (const route of discovered.routes) keys.add(`${route.method} ${route.path}`);
      for (const route of discovered.skipped) {
        for (const method of route.methods ?? []) keys.add(`${method} ${route.path}`);
      }
      handlers = keys;
    },
    guard() {
      const { fastify, instance } = platform();
      if (!fastify) {
        guardExpressRoutes(instance, handlers);
        return true;
      }
      let ok = fastifyGuarded.get(instance);
      if (ok === undefined) {
        ok = guardFastifyRoutes(instance as never);
        fastifyGuarded.set(instance, ok);
      }
      return ok;
    },
    reaches(method: HttpMethod, url: string, route: RouteTarget) {
      const { fastify, instance } = platform();
      if (!fastify) return expressPlatformReaches(instance, handlers, method, url, route);
      const version = (route as { [VERSION_CONSTRAINT]?: string | symbol })[VERSION_CONSTRAINT];
      const finder = instance as unknown as RouteFinder;
      const versioned: RouteFinder =
        version === undefined
          ? finder
          : { findRoute: (options) => finder.findRoute({ ...options, constraints: { version } }) };
      return fastifyReaches(versioned as never, method, url, route);
    },
  };
}
