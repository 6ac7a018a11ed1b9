import type { IncomingMessage, ServerResponse } from 'node:http';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { markMcpEndpoint } from '../adapter/endpoint-routes.js';
import type { BackendMcpServer, HttpGuardOptions } from '../backend-mcp-server.js';
import { resolveGuard } from '../http-guard.js';
import { messageTooLargeResponse, parsedBodyTooLarge } from '../message-limit.js';
import { readsBodyItself, serveNativePost } from './native-post.js';

/** Options for {@link createNodeEndpoint}. */
export interface NodeEndpointOptions {
  /** Host/Origin checks; defaults to the server's `http` option, then to localhost-only over loopback. */
  guard?: HttpGuardOptions;
  /**
   * Returns the body when a framework already consumed the request stream
   * (`express.json()`), or undefined to let the endpoint read it.
   */
  parsedBody?: (req: IncomingMessage) => unknown;
}

/**
 * Options for an adapter's `mount()` on a Node framework (Express, Koa).
 *
 * @deprecated The chain position is Express's and Koa's idiom, not core's: each
 * adapter declares its own `MountOptions`. Kept for code that imports it.
 */
export interface NodeMountOptions extends NodeEndpointOptions {
  /**
   * Where the endpoint goes in the app's middleware chain. `first` (default)
   * puts it before every other middleware, so a catch-all 404 or an app-wide
   * auth middleware cannot swallow MCP traffic; `last` appends it like a
   * plain `app.use`, so the app's global middleware (CORS, logging, auth) runs first.
   */
  position?: 'first' | 'last';
}

/** A Node request handler; the optional `next` makes it usable as Express/Connect middleware. */
export type NodeEndpoint = (
  req: IncomingMessage,
  res: ServerResponse,
  next?: (error?: unknown) => void,
) => void;

/**
 * The MCP Streamable HTTP endpoint as a Node request handler, to mount inside
 * an existing server or framework (`app.use('/mcp', endpoint)`).
 */
export function createNodeEndpoint(mcp: BackendMcpServer, options: NodeEndpointOptions = {}): NodeEndpoint {
  const maxBytes = mcp.maxMessageBytes;
  // One bridge for the endpoint's life (it holds no per-request state); the guard is read per request.
  const handle = toNodeHandler(
    {
      fetch: async (request, requestOptions) => {
        const parsedBody = requestOptions?.parsedBody;
        if (parsedBodyTooLarge(parsedBody, maxBytes)) return messageTooLargeResponse(maxBytes);
        const guard = resolveGuard(options.guard ?? mcp.options.http);
        return mcp.fetch(request, { guard, ...(parsedBody === undefined ? {} : { parsedBody }) });
      },
    },
    { maxRequestBodySize: maxBytes },
  );
  // Named, so it reads as "mcpEndpoint" in stack traces and in the host app's middleware stack.
  const endpoint: NodeEndpoint = function mcpEndpoint(req, res, next) {
    const fail = (error: unknown) => {
      if (next) next(error);
      else if (!res.headersSent) {
        res.statusCode = 500;
        res.end();
      }
    };
    const parsedBody = options.parsedBody?.(req);
    // The fast path's native variant: the body read and parsed once, without the web bridge's streams.
    if (parsedBody === undefined && mcp.options.http?.fastPath !== false && readsBodyItself(req, maxBytes)) {
      const guard = resolveGuard(options.guard ?? mcp.options.http);
      serveNativePost(mcp, guard, req, res, maxBytes).catch(fail);
      return;
    }
    handle(req, res, parsedBody).catch(fail);
  };
  // Marked so that route extraction never lists the endpoint as a tool.
  return markMcpEndpoint(endpoint);
}

/** Options for {@link createWellKnownEndpoint}. */
export interface WellKnownEndpointOptions {
  /**
   * The path as the client requested it. Default `req.url`; a framework that
   * rewrites `req.url` for mounted handlers says where the original is (Express: `originalUrl`).
   */
  requestPath?: (req: IncomingMessage) => string | undefined;
}

/**
 * Serves the documents auth providers publish (OAuth Protected Resource
 * Metadata) as a Node handler; any other path goes to `next` (or gets 404).
 * Mount it at the app root, next to the MCP endpoint.
 */
export function createWellKnownEndpoint(
  mcp: BackendMcpServer,
  options: WellKnownEndpointOptions = {},
): NodeEndpoint {
  const endpoint: NodeEndpoint = function mcpWellKnown(req, res, next) {
    const path = options.requestPath?.(req) ?? req.url ?? '/';
    const response = mcp.serveWellKnown(
      new Request(new URL(path, 'http://localhost'), { method: req.method ?? 'GET' }),
    );
    if (!response) {
      if (next) next();
      else res.writeHead(404).end();
      return;
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name] = value;
    });
    res.writeHead(response.status, headers);
    response
      .text()
      .then((body) => res.end(body))
      .catch((error: unknown) => (next ? next(error) : res.end()));
  };
  return markMcpEndpoint(endpoint);
}
