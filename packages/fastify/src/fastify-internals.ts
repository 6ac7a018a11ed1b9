/**
 * The Fastify and light-my-request internals this adapter relies on, typed in
 * one place because neither package types them for outside use (or types them
 * through generics too wide to read). Each names the source it mirrors; when
 * Fastify changes one of them, this file and its tests are where it shows.
 * Never exported from the package.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { McpRouteMeta } from '@backend2mcp/core';
import type { FastifyRouteSchema } from './collect/route-schemas.js';

/**
 * What Fastify hands an `onRoute` hook (the fields backend2mcp reads): the
 * route options as `route()` normalised them.
 * https://github.com/fastify/fastify/blob/main/lib/route.js (`onRoute` hooks run in `route()`)
 */
export interface FastifyRouteOptions {
  method: string | string[];
  url: string;
  schema?: FastifyRouteSchema;
  config?: { mcp?: McpRouteMeta };
  handler?: unknown;
}

/**
 * The part of a Fastify instance the collector uses; `decorateRequest` with a
 * getter is the documented decorator form.
 * https://github.com/fastify/fastify/blob/main/fastify.js (`addHook`, `getSchemas`),
 * https://github.com/fastify/fastify/blob/main/lib/decorate.js (`decorateRequest`, `hasRequestDecorator`)
 */
export interface FastifyLike {
  addHook(name: 'onRoute', hook: (this: FastifyLike, route: FastifyRouteOptions) => void): unknown;
  getSchemas(): Record<string, unknown>;
  hasRequestDecorator(name: string): boolean;
  decorateRequest(name: string, value: { getter(this: { raw: object }): unknown }): unknown;
}

/**
 * What Fastify publishes on the `fastify.initialization` diagnostics channel
 * as each instance is created, before any route is declared.
 * https://github.com/fastify/fastify/blob/main/fastify.js (`initChannel.publish({ fastify })`)
 */
export interface InitializationMessage {
  fastify?: FastifyLike;
}

/**
 * The methods `app.all()` registers (`fastify.supportedMethods`), when the
 * instance has them.
 * https://github.com/fastify/fastify/blob/main/fastify.js (`supportedMethods`)
 */
export function supportedMethodsOf(instance: unknown): readonly string[] | undefined {
  const methods = (instance as { supportedMethods?: unknown }).supportedMethods;
  return Array.isArray(methods) ? methods : undefined;
}

/**
 * The part of a Fastify instance the dispatch uses: its HTTP request handler
 * (`routing`, what `inject()` and the HTTP server call) and its boot.
 * https://github.com/fastify/fastify/blob/main/fastify.js (`fastify.routing`, `inject`)
 */
export interface FastifyRouting {
  routing(req: IncomingMessage, res: ServerResponse): void;
  ready(): PromiseLike<unknown>;
}

/**
 * What light-my-request's `inject({ payloadAsStream: true })` calls back with
 * once the head is written.
 * https://github.com/fastify/light-my-request/blob/main/lib/response.js (`payloadAsStream`)
 */
export interface StreamedInjection {
  statusCode: number;
  headers: Record<string, string | string[] | number | undefined>;
  stream(): Readable;
  raw: { res: ServerResponse & { req?: IncomingMessage } };
}

/**
 * Fastify's router lookup: it says whether a route matches and with which
 * params, not which route.
 * https://github.com/fastify/fastify/blob/main/lib/route.js (`findRoute`)
 */
export interface FastifyRouteFinder {
  findRoute(options: { method: string; url: string }): { params: Record<string, unknown> } | null;
}

/**
 * Whether the instance already has routes in its router. Fastify keeps no list
 * of routes it would hand out; `printRoutes()` renders the router's tree, and
 * every route in it carries its methods in parentheses (`/users (GET, HEAD)`),
 * while an empty router renders `(empty tree)`. Only the presence of a route is
 * read: the tree compresses shared prefixes, so it cannot be parsed back into paths.
 * https://github.com/fastify/fastify/blob/main/lib/route.js (`printRoutes`)
 */
export function hasDeclaredRoutes(instance: unknown): boolean {
  const print = (instance as { printRoutes?: unknown }).printRoutes;
  if (typeof print !== 'function') return false;
  const tree: unknown = print.call(instance, { commonPrefix: false });
  return typeof tree === 'string' && /\((?:[A-Z-]+, )*[A-Z-]+\)/.test(tree);
}
