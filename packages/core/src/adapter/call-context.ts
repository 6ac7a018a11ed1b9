import type { DispatchContext } from '../http.js';

/**
 * The MCP call each dispatched request serves, keyed by the request object the
 * dispatch hands the app (a Node `IncomingMessage`, a web `Request`, an inject
 * request). One store for every adapter: a handler's `mcpContext(...)` reads
 * what the dispatch bound, whatever the framework.
 *
 * A WeakMap rather than AsyncLocalStorage: on Node 20 an AsyncLocalStorage puts
 * a hook on every promise of the process once used, which cost about 100 µs per
 * tool call through the SDK (measured in bench/), more than a framework's own
 * dispatch; and a WeakMap works on every runtime. Entries go away with their requests.
 *
 * Kept on `globalThis` under a registered symbol: the CommonJS build bundles
 * each entry (`core`, `core/adapter`, `core/node`) on its own, and an app may
 * end up with two copies of core; all of them must share the one store.
 */
const STORE = Symbol.for('backend2mcp.callContexts');
const holder = globalThis as { [STORE]?: WeakMap<object, DispatchContext> };
holder[STORE] ??= new WeakMap<object, DispatchContext>();
const calls = holder[STORE];

/**
 * Records that `carrier` (the request object the app will see) serves the MCP
 * call `context`. Does nothing without a context (a plain dispatch).
 */
export function bindCallContext(carrier: object, context: DispatchContext | undefined): void {
  if (context) calls.set(carrier, context);
}

/** The MCP call `carrier` serves, or undefined for an ordinary HTTP request. */
export function callContextOf(carrier: object): DispatchContext | undefined {
  return calls.get(carrier);
}
