import type { McpTransport } from '@backend2mcp/core';
import {
  type BackendMcpOptions,
  BackendMcpServer,
  type HttpGuardOptions,
  McpAdapterBase,
  type McpServerAdapter,
  markMcpEndpoint,
  mountMcpRoutes,
  resolveGuard,
} from '@backend2mcp/core/adapter';
import { fetchDispatch } from './dispatch.js';
import { extractRoutes } from './extract/extract-routes.js';
import { type OpenApiDocument, type OperationInfo, operationsFromOpenApi } from './extract/hono-path.js';
import type { HonoAppLike, HonoContextLike, HonoMountable, RoutableHono } from './hono-internals.js';
import { guardHonoFetch, honoReaches } from './route-boundary.js';

/** Options for {@link McpAdapter}. */
export interface McpAdapterOptions extends BackendMcpOptions {
  /**
   * Bindings passed to `app.fetch` as `env` for every call (Cloudflare Workers
   * style: `c.env.DB`, `c.env.API_KEY`). A function is called per call.
   */
  env?: unknown;
  /** The execution context passed to `app.fetch` (`c.executionCtx`), e.g. a Worker's `ctx`. */
  executionCtx?: unknown;
  /**
   * The app's OpenAPI document, or a function producing it. Default: found on its own for
   * `@hono/zod-openapi` (`app.getOpenAPI31Document`) and `hono-openapi` (`generateSpecs`).
   */
  openapi?: OpenApiDocument | (() => OpenApiDocument | Promise<OpenApiDocument>);
}

/** Options for {@link McpAdapter.mount}. */
export interface MountOptions {
  /** Host/Origin checks; default: the adapter's `http` option, else localhost names only, on every runtime. */
  guard?: HttpGuardOptions;
}

/**
 * Serves every route of a Hono app as an MCP tool, with the schemas of
 * `@hono/zod-openapi` or `hono-openapi` when the app uses them. Calls go
 * through `app.fetch()` with your `env` bindings, so it works on every runtime
 * Hono runs on; `mount('/mcp')` adds the MCP endpoint to the app itself.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * import { McpAdapter, mcp } from '@backend2mcp/hono';
 *
 * const app = new Hono();
 * app.get('/users/:id', mcp({ description: 'Fetch a user' }), (c) => c.json({ id: c.req.param('id') }));
 * new McpAdapter(app).mount('/mcp'); // export default app  (Workers, Bun, Deno, @hono/node-server)
 * ```
 */
export class McpAdapter extends McpAdapterBase implements McpServerAdapter<MountOptions> {
  private readonly app: HonoAppLike;

  constructor(app: HonoAppLike, options: McpAdapterOptions = {}) {
    const env = () => (typeof options.env === 'function' ? (options.env as () => unknown)() : options.env);
    // Filled by prepare() from the app's OpenAPI document; read whenever routes are extracted.
    let operations = new Map<string, OperationInfo>();
    super(
      new BackendMcpServer(
        {
          extractRoutes: () => extractRoutes(app, operations),
          dispatch: fetchDispatch(app, env, () => options.executionCtx),
          reaches: (method, url, route) => honoReaches(app as unknown as RoutableHono, method, url, route),
          prepare: async () => {
            const document = await openApiDocument(app, options);
            if (document) operations = operationsFromOpenApi(document);
          },
        },
        options,
      ),
    );
    this.app = app;
    guardHonoFetch(app as unknown as RoutableHono);
  }

  /**
   * Adds the MCP endpoint (Streamable HTTP, both protocol eras) to the app at
   * `path`. Web-standard end to end: it serves on Node, Bun, Deno and Workers alike.
   */
  mount(path = '/mcp', options: MountOptions = {}): this {
    const app = this.app as HonoMountable;
    // The same Host/Origin defaults on Node, Bun, Deno and Workers: they never depend on the socket.
    const guard = resolveGuard(options.guard ?? this.server.options.http);
    mountMcpRoutes(this.server, path, {
      endpoint: (endpointPath) => {
        const handler = markMcpEndpoint(async (c: HonoContextLike) =>
          this.server.fetch(c.req.raw, { guard }),
        );
        app.all(endpointPath, handler);
      },
      wellKnown: (documentPaths) => {
        for (const documentPath of documentPaths) {
          const serveDocument = markMcpEndpoint(
            async (c: HonoContextLike) =>
              this.server.serveWellKnown(c.req.raw) ?? new Response(null, { status: 404 }),
          );
          app.all(documentPath, serveDocument);
        }
      },
    });
    return this;
  }

  /** Serves MCP over stdio (Node only). */
  async serve() {
    const { serveStdio } = await import('@backend2mcp/core/node');
    return serveStdio(this.server);
  }

  /** Serves MCP over Streamable HTTP on its own port (Node only; default `127.0.0.1:3000/mcp`). */
  async listen(options: import('@backend2mcp/core/node').ListenOptions = {}) {
    const { listen } = await import('@backend2mcp/core/node');
    return listen(this.server, options);
  }

  /** Serves MCP over any SDK transport (e.g. `InMemoryTransport`, in tests). */
  async connect(transport: McpTransport) {
    const { connectTransport } = await import('@backend2mcp/core/node');
    return connectTransport(this.server, transport);
  }
}

/** The app's OpenAPI document: the `openapi` option, else `@hono/zod-openapi`'s, else `hono-openapi`'s. */
async function openApiDocument(
  app: HonoAppLike,
  options: McpAdapterOptions,
): Promise<OpenApiDocument | undefined> {
  const configured = options.openapi;
  if (configured) return typeof configured === 'function' ? configured() : configured;
  const mountable = app as HonoMountable;
  if (typeof mountable.getOpenAPI31Document === 'function') {
    return mountable.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 'backend2mcp', version: '0' } });
  }
  return honoOpenApiDocument(app);
}

/** `hono-openapi`'s document, when that optional package is installed and the app uses it. */
async function honoOpenApiDocument(app: HonoAppLike): Promise<OpenApiDocument | undefined> {
  let generateSpecs: ((app: unknown) => Promise<OpenApiDocument>) | undefined;
  try {
    ({ generateSpecs } = (await import('hono-openapi')) as { generateSpecs: typeof generateSpecs });
  } catch {
    return undefined; // not installed: the app does not use it
  }
  try {
    return await generateSpecs?.(app);
  } catch {
    return undefined;
  }
}
