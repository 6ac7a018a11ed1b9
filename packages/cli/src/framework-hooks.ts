import { subscribe } from 'node:diagnostics_channel';
import Module, { createRequire } from 'node:module';
import { detectFramework } from './detect-framework.js';

// FRAMEWORK-SPECIFIC (issue 22: each hook below belongs in its adapter's descriptor).
// What the CLI must do to every copy of a framework before the app's code uses
// it: Express is instrumented (mount paths), Koa's `callback()` remembers its app
// (so a server created from it leads back to the app), Fastify instances are
// remembered as they are created.

type AnyFunction = (...args: unknown[]) => unknown;

const koaApps = new WeakMap<object, unknown>();
const honoApps: object[] = [];
const fastifyInstances = new Set<{ server?: unknown }>();
const KOA_PATCHED = Symbol.for('backend2mcp.cli.koaCallback');
let installed = false;
let frameworkSeen = false;

/**
 * Watches every framework copy the app loads, wherever it comes from (its own
 * `node_modules`, a nested one, a relative path, an npm alias): CommonJS loads go
 * through `Module._load`, which the ESM loader also uses for CommonJS packages;
 * the copies the app's directory resolves are prepared up front as well, for
 * loads that bypass it. Idempotent.
 */
export async function prepareFrameworks(appFile: string): Promise<void> {
  if (!installed) {
    installed = true;
    const { instrumentExpress } = await import('@backend2mcp/express');
    await import('@backend2mcp/fastify'); // its own collector subscribes to fastify.initialization
    subscribe('fastify.initialization', (message) => {
      const fastify = (message as { fastify?: { server?: unknown } }).fastify;
      if (fastify) {
        frameworkSeen = true;
        fastifyInstances.add(fastify);
      }
    });
    const prepare = (exports: unknown) => {
      try {
        return instrumentExpressModule(exports, instrumentExpress) || patchKoaClass(exports);
      } catch {
        return false; // A module whose exports cannot be inspected is not a framework.
      }
    };
    const loader = Module as unknown as { _load: AnyFunction };
    const originalLoad = loader._load;
    loader._load = function loadAndPrepare(this: unknown, ...args: unknown[]) {
      const exports = originalLoad.apply(this, args);
      if (prepare(exports) && !preparingUpFront) frameworkSeen = true;
      return exports;
    };
    preparers.push(prepare);
  }
  const fromApp = createRequire(appFile);
  preparingUpFront = true; // what the CLI loads here says nothing about what the app uses
  try {
    for (const name of ['express', 'koa']) {
      try {
        for (const prepare of preparers) prepare(fromApp(name));
      } catch {
        // Not installed for this app.
      }
    }
  } finally {
    preparingUpFront = false;
  }
}

let preparingUpFront = false;

const preparers: Array<(exports: unknown) => boolean> = [];

/**
 * Remembers the Hono instances created while `load` runs. Hono keeps no way
 * back from `app.fetch` (what `serve({ fetch: app.fetch })` hands to the server)
 * to its app, and its class cannot be hooked from outside an ES module; but
 * every instance's constructor ends in `Object.assign(this, options)` (Hono 4),
 * with its fields (`routes`, `fetch`) already in place. Restored when loading ends.
 */
export async function watchHonoInstances<T>(load: () => Promise<T>): Promise<T> {
  const assign = Object.assign;
  Object.assign = function assignAndWatch(target: object, ...sources: unknown[]) {
    if (target !== null && typeof target === 'object' && detectFramework(target) === 'hono') {
      frameworkSeen = true;
      honoApps.push(target);
    }
    return assign(target, ...sources);
  } as typeof Object.assign;
  try {
    return await load();
  } finally {
    Object.assign = assign;
  }
}

/** The Hono app whose `fetch` this is (Bun and Deno entries: `export default { port, fetch: app.fetch }`). */
export function honoAppByFetch(fetch: unknown): unknown {
  return honoApps.find((app) => (app as { fetch?: unknown }).fetch === fetch);
}

/**
 * The Hono app a module that exports nothing serves: of the instances it
 * created, the one with the most routes (the root holds its sub-apps' routes
 * too), the later on a tie (sub-app modules are evaluated before the root's).
 */
export function rootHonoApp(): unknown {
  let root: { routes: unknown[] } | undefined;
  for (const app of honoApps as Array<{ routes: unknown[] }>) {
    if (!root || app.routes.length >= root.routes.length) root = app;
  }
  return root;
}

/** True once the app loaded a framework (so an app that exports nothing may still listen later). */
export function sawFramework(): boolean {
  return frameworkSeen;
}

/**
 * The app behind a server's request listener: an Express app is its own
 * listener; a Koa listener comes from `app.callback()`; a Fastify instance owns
 * its server.
 */
export function appBehindServer(server: { listeners(event: string): unknown[] }): unknown {
  for (const listener of server.listeners('request')) {
    if (detectFramework(listener)) return listener;
    const koa = typeof listener === 'function' ? koaApps.get(listener) : undefined;
    if (koa) return koa;
  }
  for (const fastify of fastifyInstances) if (fastify.server === server) return fastify;
  // Whatever else listens (@hono/node-server's listener around app.fetch) may serve the root Hono app.
  return rootHonoApp();
}

function instrumentExpressModule(exports: unknown, instrument: (express: never) => boolean): boolean {
  if (typeof exports !== 'function') return false;
  const candidate = exports as unknown as { Router?: unknown; application?: unknown };
  if (!candidate.Router || typeof candidate.application !== 'object') return false;
  return instrument(candidate as never);
}

/** Koa's Application class (`require('koa')`, or the `default` of its ESM wrapper). */
function patchKoaClass(exports: unknown): boolean {
  if (typeof exports !== 'function') return false;
  const proto = (exports as { prototype?: Record<string | symbol, unknown> }).prototype;
  if (!proto || typeof proto.callback !== 'function' || typeof proto.createContext !== 'function')
    return false;
  if (proto[KOA_PATCHED]) return true;
  const callback = proto.callback as AnyFunction;
  proto.callback = function rememberedCallback(this: object, ...args: unknown[]) {
    const handler = callback.apply(this, args);
    if (typeof handler === 'function') koaApps.set(handler, this);
    return handler;
  };
  Object.defineProperty(proto, KOA_PATCHED, { value: true });
  return true;
}
