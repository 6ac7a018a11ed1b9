import type { IncomingMessage } from 'node:http';
import type { AuthContext, BackendMcpOptions, DispatchContext } from '@backend2mcp/core';
import {
  callContextOf,
  type McpServerAdapter,
  markMcpEndpoint,
  mountMcpRoutes,
} from '@backend2mcp/core/adapter';
import {
  createNodeEndpoint,
  createWellKnownEndpoint,
  type NodeEndpoint,
  type NodeEndpointOptions,
  NodeMcpAdapter,
  type NodeRequestListener,
  nodeListenerDispatch,
} from '@backend2mcp/core/node';
import { type ExpressAppLike, extractRoutes } from './extract/index.js';
import { mountEndpoint } from './mount.js';
import { expressReaches } from './route-boundary.js';

/** Options for {@link McpAdapter}. */
export interface McpAdapterOptions extends BackendMcpOptions {}

/** Options for {@link McpAdapter.mount}. */
export interface MountOptions extends NodeEndpointOptions {
  /**
   * Where the endpoint goes in the app's middleware chain. `first` (default)
   * puts it before every other middleware, so a catch-all 404 or an app-wide
   * auth middleware cannot swallow MCP traffic; `last` appends it like a
   * plain `app.use`, so the app's global middleware (CORS, logging, auth) runs first.
   */
  position?: 'first' | 'last';
}

/**
 * Serves every route of an Express app (4 or 5) as an MCP tool. Calls run in
 * process through the app's own middleware chain (body parsers, auth, error
 * handlers), on a real `IncomingMessage`/`ServerResponse` pair with no socket.
 * A handler sees the call as `req.mcp` (tool name and arguments).
 *
 * @example
 * ```ts
 * import express from 'express';
 * import { McpAdapter, mcp } from '@backend2mcp/express';
 *
 * const app = express();
 * app.get('/users/:id', mcp({ description: 'Fetch a user' }), (req, res) => res.json({ id: req.params.id }));
 *
 * new McpAdapter(app).serve();                  // stdio, for Claude Desktop / Cursor
 * // or: await new McpAdapter(app).listen({ port: 3001 });   // Streamable HTTP on 127.0.0.1
 * // or: new McpAdapter(app).mount('/mcp'); app.listen(3000); // same server as the app
 * ```
 */
export class McpAdapter extends NodeMcpAdapter implements McpServerAdapter<MountOptions> {
  constructor(
    private readonly app: ExpressAppLike,
    options: McpAdapterOptions = {},
  ) {
    super(
      {
        extractRoutes: () => extractRoutes(app),
        dispatch: nodeListenerDispatch(() => app as unknown as NodeRequestListener, exposeAsReqMcp),
        reaches: (method, url, route) => expressReaches(app, method, url, route),
      },
      options,
    );
  }

  /**
   * Mounts the MCP endpoint inside the app itself, so one server answers both
   * the API and MCP. The endpoint's own route is never exposed as a tool.
   */
  mount(path = '/mcp', options: MountOptions = {}): this {
    const { position = 'first', ...endpointOptions } = options;
    mountMcpRoutes(this.server, path, {
      endpoint: (endpointPath) => {
        const endpoint = createNodeEndpoint(this.server, {
          parsedBody: alreadyParsedBody,
          ...endpointOptions,
        });
        // app.use() matches a prefix, case-insensitively: the endpoint answers its exact path only.
        const exact: NodeEndpoint = markMcpEndpoint(function mcpEndpoint(req, res, next) {
          const requested = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '/';
          if (requested.split('?')[0] === endpointPath) endpoint(req, res, next);
          else next?.();
        } as NodeEndpoint);
        mountEndpoint(this.app, endpointPath, exact, position);
      },
      wellKnown: (documentPaths) => {
        // Express rewrites req.url inside a mounted handler; originalUrl is the path as requested.
        const wellKnown = createWellKnownEndpoint(this.server, { requestPath: originalUrl });
        for (const documentPath of documentPaths) mountEndpoint(this.app, documentPath, wellKnown, position);
      },
    });
    return this;
  }
}

/**
 * The MCP call `req` serves, or undefined for ordinary HTTP requests: the same
 * as `req.mcp`, for code that holds the request under another type.
 */
export function mcpContext(req: object): McpRequestInfo | undefined {
  return callContextOf(req);
}

/**
 * The caller of the MCP tool call `req` serves, as the configured auth
 * providers established it; undefined for ordinary HTTP requests and when no
 * provider is configured. The same as `req.mcp?.auth`.
 */
export function getAuthContext(req: { mcp?: McpRequestInfo }): AuthContext | undefined {
  return req.mcp?.auth;
}

/**
 * What a route handler sees as `req.mcp` when it runs for an MCP tool call:
 * the tool, its arguments, the caller (`auth`), and `reportProgress`/`log` to
 * talk back to the caller while the request runs.
 */
export interface McpRequestInfo extends DispatchContext {}

declare global {
  namespace Express {
    interface Request {
      /** Present when the request comes from an MCP tool call through backend2mcp. */
      mcp?: McpRequestInfo;
    }
  }
}

/**
 * A body parser (`express.json()`, body-parser) that already ran has consumed
 * the stream; its result must be handed over instead of re-reading it.
 */
function alreadyParsedBody(req: IncomingMessage): unknown {
  const parsed = req as IncomingMessage & { _body?: boolean; body?: unknown };
  return parsed._body === true || req.readableEnded ? parsed.body : undefined;
}

/** Puts the call where Express handlers look for it: `req.mcp`. */
function exposeAsReqMcp(req: IncomingMessage, context: DispatchContext): void {
  Object.defineProperty(req, 'mcp', { value: context, enumerable: true });
}

function originalUrl(req: IncomingMessage): string | undefined {
  return (req as IncomingMessage & { originalUrl?: string }).originalUrl;
}
