import type { AnyAdapterDescriptor, McpServerAdapter } from '@backend2mcp/core/adapter';

/** The frameworks backend2mcp has an adapter for: the names of their descriptors. */
export type Framework = 'express' | 'fastify' | 'hono' | 'koa' | 'nestjs';

/** What the bench needs of an adapter: core's one adapter interface, which every `McpAdapter` implements. */
export type BenchAdapter = McpServerAdapter;

/** A running plain HTTP server (no MCP), for the peer proxy and the direct-HTTP row. */
export interface HttpServerHandle {
  /** `http://127.0.0.1:<port>` */
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * One framework's bench app: `GET /users/:id` and `POST /users` (1 KB JSON body)
 * over the shared business functions, the framework's own in-process dispatch of
 * both (the floor), a backend2mcp adapter on that same app, and a way to serve it
 * on loopback.
 */
export interface BenchApp {
  readonly framework: Framework;
  /** Floor: `GET /users/1` through the framework's own in-process dispatch, body read whole. */
  floorGet(): Promise<void>;
  /** Floor: `POST /users` with the 1 KB body, same way. */
  floorPost(): Promise<void>;
  /** The backend2mcp adapter over this same app instance. */
  readonly adapter: BenchAdapter;
  /** Serves the app itself (no MCP) on 127.0.0.1 with a free port. */
  listenHttp(): Promise<HttpServerHandle>;
}

/** A synthetic app with `routes` GET routes, for the scale benchmark. */
export interface ScaledApp {
  /** Builds the adapter over the app and waits until its routes can be read (Fastify boots first). */
  createAdapter(): Promise<BenchAdapter>;
}

/** Everything the bench knows about one framework. */
export interface FrameworkBench {
  /** The adapter's descriptor: the bench builds every adapter through it, as the CLI does. */
  readonly descriptor: AnyAdapterDescriptor;
  readonly framework: Framework;
  /** npm package whose version is printed next to the numbers. */
  readonly packageName: string;
  /** The two-route bench app. */
  create(): Promise<BenchApp>;
  /** An app with `routes` distinct `GET /r<i>/items/:id` routes, ready to serve (not yet adapted). */
  createScaled(routes: number): Promise<ScaledApp>;
}

/** Throws unless a floor dispatch answered with the expected status. */
export function expectStatus(framework: Framework, what: string, actual: number, expected: number): void {
  if (actual !== expected)
    throw new Error(`${framework} floor ${what}: HTTP ${actual}, expected ${expected}`);
}
