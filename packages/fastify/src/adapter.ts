import type { IncomingMessage } from 'node:http';
import type { AuthContext, BackendMcpOptions, ExtractedRoutes, McpRouteMeta } from '@backend2mcp/core';
import { type McpServerAdapter, markMcpEndpoint, mountMcpRoutes } from '@backend2mcp/core/adapter';
import {
  createNodeEndpoint,
  createWellKnownEndpoint,
  type NodeEndpointOptions,
  NodeMcpAdapter,
} from '@backend2mcp/core/node';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { decorateMcpRequest, type McpRequestInfo } from './call-context.js';
import {
  collectedRoutes,
  collectRoutes,
  isCollecting,
  LATE_ATTACH_REASON,
} from './collect/route-collector.js';
import { jsonRpcErrorHandler } from './endpoint-errors.js';
import { type FastifyLike, hasDeclaredRoutes } from './fastify-internals.js';
import { injectDispatch } from './inject-dispatch.js';
import { fastifyReaches, guardFastifyRoutes } from './route-boundary.js';

/** Options for {@link McpAdapter}. */
export interface McpAdapterOptions extends BackendMcpOptions {}

/**
 * Options for {@link McpAdapter.mount}. No `position`: Fastify routes by method
 * and URL, not by registration order, so no other route can swallow the endpoint.
 */
export type MountOptions = NodeEndpointOptions;

/** Any Fastify instance, whatever its server, logger or type provider. */
export type FastifyAppLike = FastifyInstance<any, any, any, any, any>;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** backend2mcp overrides for this route: name, title, description, hidden, annotations, schemas, tags. */
    mcp?: McpRouteMeta;
  }
  interface FastifyRequest {
    /** Present when the request comes from an MCP tool call: tool, arguments, caller, `reportProgress`, `log`. */
    readonly mcp?: McpRequestInfo;
    /** The caller of the MCP tool call, as the configured auth providers established it. */
    readonly mcpAuth?: AuthContext;
  }
}

/**
 * Serves every route of a Fastify app as an MCP tool, with the schemas the app
 * already declares (JSON Schema, shared `$ref` schemas, or zod through
 * fastify-type-provider-zod). Calls are dispatched in process the way `app.inject()` does, so
 * hooks, validation and serialisation run as for HTTP requests.
 *
 * @example
 * ```ts
 * import Fastify from 'fastify';
 * import { McpAdapter } from '@backend2mcp/fastify';
 *
 * const app = Fastify();
 * const adapter = new McpAdapter(app);
 * app.get('/users/:id', { schema: { params: { type: 'object', properties: { id: { type: 'integer' } } } } }, handler);
 * adapter.serve(); // or .listen({ port: 3001 }); or .mount('/mcp') before app.listen()
 * ```
 */
export class McpAdapter extends NodeMcpAdapter implements McpServerAdapter<MountOptions> {
  constructor(
    private readonly app: FastifyAppLike,
    options: McpAdapterOptions = {},
  ) {
    // Routes already in the router of an instance nobody watched were never announced to the
    // collector: they are lost, even when routes declared later (in plugins, at boot) are found.
    const late = !isCollecting(app);
    const missed = late && hasDeclaredRoutes(app);
    if (late) {
      collectRoutes(app as unknown as FastifyLike);
      if (!decorateMcpRequest(app as unknown as FastifyLike)) {
        (options.onWarning ?? console.warn)(
          'backend2mcp: the Fastify app had already started, so request.mcp and request.mcpAuth are not available; ' +
            'use mcpContext(request) and getAuthContext(request) from @backend2mcp/fastify, or create the adapter before app.ready().',
        );
      }
    }
    if (!guardFastifyRoutes(app as never)) {
      (options.onWarning ?? console.warn)(
        'backend2mcp: the Fastify app had already started, so calls are checked against their route only before dispatch ' +
          '(a rewriteUrl that sends them elsewhere is not caught); create the adapter before app.ready().',
      );
    }
    super(
      {
        extractRoutes: () => extract(app, late, missed),
        dispatch: injectDispatch(app),
        reaches: (method, url, route) => fastifyReaches(app as never, method, url, route),
        // Plugins (and the routes in them) load when the app boots.
        prepare: async () => {
          await app.ready();
        },
      },
      options,
    );
  }

  /**
   * Adds the MCP endpoint to the Fastify app as a route (call it before
   * `app.listen()` / `app.ready()`). The endpoint is never listed as a tool.
   */
  mount(path = '/mcp', options: MountOptions = {}): this {
    mountMcpRoutes(this.server, path, {
      endpoint: (endpointPath) => {
        // Fastify has already read and parsed the body by the time the handler runs; hand it over.
        const parsedBodies = new WeakMap<IncomingMessage, unknown>();
        const endpoint = createNodeEndpoint(this.server, {
          parsedBody: (req) => parsedBodies.get(req),
          ...options,
        });
        const handler = markMcpEndpoint((request: FastifyRequest, reply: FastifyReply) => {
          if (request.body !== undefined) parsedBodies.set(request.raw, request.body);
          reply.hijack(); // the endpoint writes the raw response itself
          endpoint(request.raw, reply.raw);
        });
        this.app.route({
          method: ['GET', 'POST', 'DELETE'],
          url: endpointPath,
          handler,
          bodyLimit: this.server.maxMessageBytes,
          errorHandler: jsonRpcErrorHandler,
        });
      },
      wellKnown: (documentPaths) => {
        const wellKnown = createWellKnownEndpoint(this.server);
        for (const documentPath of documentPaths) {
          const serveDocument = markMcpEndpoint((request: FastifyRequest, reply: FastifyReply) => {
            reply.hijack();
            wellKnown(request.raw, reply.raw);
          });
          this.app.route({ method: ['GET', 'OPTIONS'], url: documentPath, handler: serveDocument });
        }
      },
    });
    return this;
  }
}

/**
 * The routes the adapter reads from `app`: those its collector saw being
 * declared (see {@link collectRoutes}), as every adapter's `extractRoutes` returns them.
 */
export function extractRoutes(app: FastifyAppLike): ExtractedRoutes {
  return collectedRoutes(app);
}

function extract(app: FastifyAppLike, late: boolean, missed: boolean): ExtractedRoutes {
  const extracted = collectedRoutes(app);
  if (missed || (late && extracted.routes.length === 0)) {
    extracted.skipped.push({ route: 'routes declared before the adapter', reason: LATE_ATTACH_REASON });
  }
  return extracted;
}
