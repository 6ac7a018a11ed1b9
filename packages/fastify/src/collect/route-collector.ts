import type { ExtractedRoutes, HttpMethod, JsonSchema, RouteInfo } from '@backend2mcp/core';
import {
  CATCH_ALL_METHODS,
  isMcpEndpoint,
  isToolMethod,
  type PluginRouteIdiom,
  pluginRouteReason as sharedReason,
  unexposedMethod,
} from '@backend2mcp/core/adapter';
import { decorateMcpRequest } from '../call-context.js';
import { type FastifyLike, type FastifyRouteOptions, supportedMethodsOf } from '../fastify-internals.js';
import { translateFastifyPath } from './fastify-path.js';
import { toRouteSchemas } from './route-schemas.js';
import { collectorState, type RouteStore } from './shared-state.js';

// Shared with every other copy of this module in the process (see collectorState).
const collected = collectorState().stores;

/**
 * Starts collecting the routes of a Fastify instance with an `onRoute` hook.
 * Fastify announces routes only to hooks that exist when they are added, so
 * this must run before the app declares routes; the `fastify.initialization`
 * diagnostics channel (subscribed when @backend2mcp/fastify is imported) does
 * it for every instance created afterwards. Idempotent.
 */
export function collectRoutes(app: FastifyLike): void {
  if (collected.has(app)) return;
  const store: RouteStore = { routes: [], skipped: [], keys: new Set() };
  collected.set(app, store);
  // request.mcp / request.mcpAuth; Fastify only takes decorators before start, i.e. now.
  decorateMcpRequest(app);
  app.addHook('onRoute', function onRoute(route) {
    // Fastify reuses and mutates route options after the hook: read everything now.
    record(store, route, () => this.getSchemas() as Record<string, JsonSchema>, supportedMethodsOf(this));
  });
}

/** True when the collector has been watching this instance. */
export function isCollecting(app: object): boolean {
  return collected.has(app);
}

/**
 * The routes collected for an instance, in registration order, without the
 * HEAD routes Fastify adds for every GET.
 */
export function collectedRoutes(app: object): ExtractedRoutes {
  const store = collected.get(app);
  if (!store) return { routes: [], skipped: [] };
  const gets = new Set(store.routes.filter((route) => route.method === 'GET').map((route) => route.path));
  const routes: RouteInfo[] = [];
  const skipped = [...store.skipped];
  for (const route of store.routes) {
    if (route.method !== 'HEAD') routes.push(route);
    // The HEAD twin Fastify adds to every GET is not worth a line; a HEAD route of the app's own is.
    else if (gets.has(route.path)) continue;
    else if (route.meta) routes.push(route);
    else skipped.push({ route: `HEAD ${route.path}`, reason: HEAD_REASON });
  }
  return { routes, skipped };
}

/** The Fastify words in the reasons every adapter shares. */
const IDIOM: PluginRouteIdiom = { override: 'config.mcp' };
const HEAD_REASON = sharedReason('head', IDIOM);

/**
 * Why a route is plumbing a plugin or the framework added rather than part of
 * the app's API, or undefined. A route with its own `config.mcp` is never
 * plumbing: the app asked for it.
 */
function pluginRouteReason(method: string, route: FastifyRouteOptions): string | undefined {
  if (method === 'OPTIONS') {
    return sharedReason('cors-preflight', { ...IDIOM, example: 'the OPTIONS * route of @fastify/cors' });
  }
  if (route.schema?.hide === true) {
    return 'its schema says hide: true, as the routes plugins add for documentation and static files do (@fastify/swagger-ui, @fastify/static); give the route config.mcp to expose it';
  }
  return undefined;
}

function record(
  store: RouteStore,
  route: FastifyRouteOptions,
  sharedSchemas: () => Record<string, JsonSchema>,
  supportedMethods?: readonly string[],
): void {
  if (isMcpEndpoint(route.handler)) return;
  const declared = (Array.isArray(route.method) ? route.method : [route.method]).map((method) =>
    method.toUpperCase(),
  );
  // `app.all()` registers every method the instance supports; like every adapter's catch-all,
  // it stands for the methods an API client calls, not one tool per method.
  const catchAll =
    supportedMethods !== undefined &&
    supportedMethods.length > 1 &&
    supportedMethods.every((method) => declared.includes(method.toUpperCase()));
  const methods = catchAll ? [...CATCH_ALL_METHODS] : declared;
  const label = `${methods.join(',')} ${route.url}`;
  const path = translateFastifyPath(route.url);
  if (!path.ok) {
    store.skipped.push({ route: label, reason: path.reason });
    return;
  }
  let schemas: RouteInfo['schemas'];
  try {
    schemas = toRouteSchemas(route.schema, sharedSchemas());
  } catch (error) {
    store.skipped.push({
      route: label,
      reason: `its schema could not be converted: ${(error as Error).message}`,
    });
    return;
  }
  for (const method of methods) {
    if (!isToolMethod(method)) {
      store.skipped.push(unexposedMethod(method, route.url));
      continue;
    }
    const notATool = route.config?.mcp ? undefined : pluginRouteReason(method, route);
    if (notATool) {
      store.skipped.push({ route: `${method} ${route.url}`, reason: notATool });
      continue;
    }
    const key = `${method} ${path.template}`;
    // With a prefix, Fastify registers `/prefix` and `/prefix/` for one route: one tool.
    if (store.keys.has(key)) continue;
    store.keys.add(key);
    store.routes.push(toRouteInfo(method, path, schemas, route));
  }
}

function toRouteInfo(
  method: HttpMethod,
  path: { template: string; paramPatterns?: Record<string, string> },
  schemas: RouteInfo['schemas'],
  route: FastifyRouteOptions,
): RouteInfo {
  const schema = route.schema;
  return {
    method,
    path: path.template,
    ...(path.paramPatterns ? { paramPatterns: path.paramPatterns } : {}),
    ...(schemas && Object.keys(schemas).length > 0 ? { schemas } : {}),
    ...(typeof schema?.description === 'string' ? { description: schema.description } : {}),
    ...(typeof schema?.summary === 'string' ? { summary: schema.summary } : {}),
    ...(Array.isArray(schema?.tags) ? { tags: [...schema.tags] } : {}),
    ...(route.config?.mcp ? { meta: { ...route.config.mcp } } : {}),
    source: `fastify route ${route.url}`,
  };
}

/** Reported once per app when the collector started after the app may already have declared routes. */
export const LATE_ATTACH_REASON =
  'backend2mcp started watching this Fastify instance after it was created, so routes declared before ' +
  '`new McpAdapter(app)` are not seen; import @backend2mcp/fastify before creating the instance, or run ' +
  'with `node --require @backend2mcp/fastify/register` (CommonJS) or `node --import @backend2mcp/fastify/register` (ESM)';
