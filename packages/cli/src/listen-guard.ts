import { AsyncLocalStorage } from 'node:async_hooks';
import { type AddressInfo, Server } from 'node:net';

/** Where an app asked to listen. */
export interface ListenRequest {
  port?: number;
  host?: string;
  path?: string;
}

const ownListen = new AsyncLocalStorage<true>();
const listened = new Set<Server>();
const waiters = new Set<() => void>();
let installed = false;
let allowed = false;

/**
 * Makes every `listen()` of a Node server (`app.listen(3000)`, `fastify.listen()`,
 * `serve()` of @hono/node-server, `http.createServer(app).listen()`, all of which
 * end in `net.Server.prototype.listen`) remember its server, so the app can be
 * found from it, and, unless `allowListen`, not bind anything: the CLI serves the
 * app in process, and the app's port may be taken or must stay free.
 *
 * A skipped listen still looks done to the app: `'listening'` is emitted and the
 * callback called on the next tick, and `server.address()` answers with the address
 * asked for, so startup code that logs it or awaits it goes on. One line on
 * stderr names what was skipped. Stays in place for the process's life, as apps
 * often listen after an await (a database connection) once loading has finished.
 */
export function guardListen(options: { allowListen: boolean }): void {
  allowed = options.allowListen;
  if (installed) return;
  installed = true;
  const original = Server.prototype.listen;
  const reported = new Set<string>();
  Server.prototype.listen = function guardedListen(this: Server, ...args: unknown[]) {
    if (ownListen.getStore()) return original.apply(this, args as never);
    listened.add(this);
    for (const wake of waiters) wake();
    if (allowed) return original.apply(this, args as never);
    const request = listenRequest(args);
    const where = describe(request);
    if (!reported.has(where)) {
      reported.add(where);
      process.stderr.write(
        `backend2mcp: skipped the app's listen on ${where}: the CLI serves the app in process (--allow-listen lets it listen too).\n`,
      );
    }
    pretendListening(this, request, args);
    return this;
  } as typeof original;
}

/** Runs the CLI's own listen (the MCP HTTP endpoint) past the guard, awaits included. */
export function asOwnListen<T>(listen: () => T): T {
  return ownListen.run(true, listen);
}

/** The servers the app asked to listen, in order. */
export function listenedServers(): Server[] {
  return [...listened];
}

/** Resolves on the next listen of the app, or after `ms` (to find an app that listens after an await). */
export function nextListen(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      waiters.delete(done);
      // A tick later, so the server's request listener (added right after listen by some) is there.
      setImmediate(resolve);
    };
    const timer = setTimeout(done, ms);
    waiters.add(done);
  });
}

function pretendListening(server: Server, request: ListenRequest, args: unknown[]): void {
  const callback = args.findLast((arg) => typeof arg === 'function') as (() => void) | undefined;
  if (callback) server.once('listening', callback);
  const host = request.host === undefined || request.host === 'localhost' ? '127.0.0.1' : request.host;
  const address: AddressInfo | string = request.path ?? {
    address: host,
    family: host.includes(':') ? 'IPv6' : 'IPv4',
    port: request.port ?? 0,
  };
  Object.defineProperty(server, 'address', { value: () => address, configurable: true, writable: true });
  process.nextTick(() => server.emit('listening'));
}

/** `listen(port?, host?, backlog?, cb?)`, `listen(options, cb?)`, `listen(path, cb?)`, `listen(handle, cb?)`. */
export function listenRequest(args: unknown[]): ListenRequest {
  const [first, second] = args;
  if (typeof first === 'number')
    return { port: first, ...(typeof second === 'string' ? { host: second } : {}) };
  if (typeof first === 'string') {
    if (/^\d+$/.test(first)) {
      return { port: Number(first), ...(typeof second === 'string' ? { host: second } : {}) };
    }
    return { path: first };
  }
  if (first !== null && typeof first === 'object') {
    const options = first as { port?: unknown; host?: unknown; path?: unknown };
    return {
      ...(options.port !== undefined ? { port: Number(options.port) } : {}),
      ...(typeof options.host === 'string' ? { host: options.host } : {}),
      ...(typeof options.path === 'string' ? { path: options.path } : {}),
    };
  }
  return {};
}

function describe(request: ListenRequest): string {
  if (request.path) return `socket ${request.path}`;
  if (!request.port) return 'a random port';
  return `port ${request.port}`;
}
