import { subscribe } from 'node:diagnostics_channel';
import type { InitializationMessage } from '../fastify-internals.js';
import { collectRoutes } from './route-collector.js';
import { collectorState } from './shared-state.js';

/**
 * Every Fastify instance publishes itself on the `fastify.initialization`
 * channel as it is created, before the app can declare a route; collecting
 * from there needs no cooperation from the app. Idempotent.
 */
export function watchFastifyInstances(): void {
  // Once per process, whichever copy of the package (ESM or CommonJS build) comes first.
  const state = collectorState();
  if (state.watching) return;
  state.watching = true;
  subscribe('fastify.initialization', (message) => {
    const fastify = (message as InitializationMessage).fastify;
    if (fastify) collectRoutes(fastify);
  });
}
