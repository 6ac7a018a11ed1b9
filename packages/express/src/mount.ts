import type { ExpressAppLike } from './extract/index.js';

interface Layer {
  name?: string;
  handle?: unknown;
}

/** The built-in middleware Express 4 puts at the head of every app; the endpoint goes after them. */
const EXPRESS4_BUILTINS = new Set(['query', 'expressInit']);

/**
 * `app.use(path, handler)`, then, for `first`, moves the new layer ahead of the
 * app's own middleware: Express has no public way to prepend, and an endpoint
 * appended after a catch-all 404 would never be reached.
 */
export function mountEndpoint(
  app: ExpressAppLike,
  path: string,
  handler: (...args: never[]) => void,
  position: 'first' | 'last',
): void {
  (app as unknown as { use(...args: unknown[]): unknown }).use(path, handler);
  if (position === 'last') return;
  const stack = routerStack(app);
  if (!stack) return;
  const layer = stack.pop()!;
  const insertAt = stack.findIndex((entry) => !EXPRESS4_BUILTINS.has(entry.name ?? ''));
  stack.splice(insertAt === -1 ? stack.length : insertAt, 0, layer);
}

function routerStack(app: ExpressAppLike): Layer[] | undefined {
  const candidate = app as unknown as { _router?: { stack?: Layer[] }; router?: { stack?: Layer[] } };
  // Express 4 throws on `app.router`; its router is `app._router`.
  if (candidate._router?.stack) return candidate._router.stack;
  try {
    return candidate.router?.stack;
  } catch {
    return undefined;
  }
}
