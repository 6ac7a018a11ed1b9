import { createRequire } from 'node:module';
import type { ExpressModuleLike } from './instrument.js';

/**
 * Loads the `express` module a given location resolves, or undefined when there
 * is none there. Resolving from the right place matters: the copy that is
 * instrumented must be the copy the app builds its routers with.
 */
export function loadExpressFrom(location: string | URL): ExpressModuleLike | undefined {
  try {
    return createRequire(location)('express') as ExpressModuleLike;
  } catch {
    return undefined;
  }
}
