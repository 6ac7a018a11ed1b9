import type { ExtractedRoutes } from '@backend2mcp/core';

/** The routes collected for one Fastify instance. */
export interface RouteStore extends ExtractedRoutes {
  /** `METHOD template` of every collected route, for de-duplication. */
  keys: Set<string>;
}

/** What every copy of the collector in the process shares. */
export interface CollectorState {
  /** The routes collected per Fastify instance. */
  readonly stores: WeakMap<object, RouteStore>;
  /** Whether some copy already subscribed to `fastify.initialization`. */
  watching: boolean;
}

/**
 * Versioned: a copy with another store shape (another major of this package)
 * keeps its own state rather than misreading this one.
 */
const STATE = Symbol.for('backend2mcp.fastify.collector.v1');

/**
 * The collector's state, kept on `globalThis` under a registered symbol. A
 * process can hold several copies of this module: the ESM and CommonJS builds
 * (`--import @backend2mcp/fastify/register` with an app that `require`s the
 * adapter), and in the CommonJS build each entry (`register.cjs`, `index.cjs`)
 * bundles its own. Routes the preload's copy collected must be the routes the
 * adapter's copy reads, and only one copy may subscribe to the channel, or
 * every instance would get one `onRoute` hook per copy.
 */
export function collectorState(): CollectorState {
  const holder = globalThis as { [STATE]?: CollectorState };
  holder[STATE] ??= { stores: new WeakMap(), watching: false };
  return holder[STATE];
}
