import { METHODS } from 'node:http';
import type { HttpMethod } from '@backend2mcp/core';
import { CATCH_ALL_METHODS, isToolMethod } from '@backend2mcp/core/adapter';
import type { ExpressRoute } from './express-internals.js';

/** What `app.all()` stands for as tools: the methods an API client calls. */
export const ALL_METHODS = CATCH_ALL_METHODS;

/** The methods a route answers, split into those that become tools and those that cannot. */
export interface RouteMethods {
  exposed: HttpMethod[];
  /** Methods backend2mcp has no tool for (`PROPFIND`, `LOCK`, ...), upper-case. */
  unexposed: string[];
}

/**
 * Reads a route's methods in registration order. `app.all()` is a catch-all:
 * Express 4 and 5 register it as every method Node knows (and `route.all()` as
 * `_all`), which would make some thirty tools; it stands for {@link ALL_METHODS}.
 * The HEAD Express answers for a GET is not listed (it is never in `methods`);
 * an explicit `app.head()` is.
 */
export function routeMethods(route: ExpressRoute): RouteMethods {
  const declared = Object.keys(route.methods).filter((method) => route.methods[method] === true);
  if (declared.includes('_all') || coversEveryMethod(declared)) {
    return { exposed: [...ALL_METHODS], unexposed: [] };
  }
  const upper = declared.map((method) => method.toUpperCase());
  return {
    exposed: upper.filter(isToolMethod),
    unexposed: upper.filter((method) => !isToolMethod(method)),
  };
}

function coversEveryMethod(declared: string[]): boolean {
  const present = new Set(declared);
  return METHODS.every((method) => present.has(method.toLowerCase()));
}
