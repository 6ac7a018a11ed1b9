import type { IncomingMessage } from 'node:http';
import type { Transport } from '@modelcontextprotocol/server';
import { bindCallContext } from '../adapter/call-context.js';
import { McpAdapterBase } from '../adapter-base.js';
import { type BackendMcpOptions, BackendMcpServer, type RouteSource } from '../backend-mcp-server.js';
import type { Dispatch, DispatchContext } from '../http.js';
import { expectRoute } from '../route-boundary.js';
import { dispatchNodeListener, type NodeRequestListener } from './dispatch-node-listener.js';
import { type ListeningServer, type ListenOptions, listen } from './listen.js';
import { connectTransport, type StdioServerHandle, serveStdio } from './stdio.js';

/**
 * A {@link Dispatch} that runs requests through a Node request listener (an
 * Express app, `koa.callback()`, a plain `node:http` handler) with
 * {@link dispatchNodeListener}. The call's {@link DispatchContext} is bound to
 * the `IncomingMessage` (read it back with `callContextOf(req)` from
 * `@backend2mcp/core/adapter`); `expose` puts it where the framework's
 * handlers look for it, e.g. `req.mcp`. The listener is asked for on first use.
 */
export function nodeListenerDispatch(
  getListener: () => NodeRequestListener,
  expose?: (req: IncomingMessage, context: DispatchContext) => void,
): Dispatch {
  let listener: NodeRequestListener | undefined;
  return (request, options) => {
    listener ??= getListener();
    const { context } = options;
    return dispatchNodeListener(listener, request, {
      ...options,
      onRequest: (req: IncomingMessage) => {
        if (context) {
          bindCallContext(req, context);
          expose?.(req, context);
        }
        // The adapter's guard at the route reads it (route boundary).
        expectRoute(req, options.expectation);
      },
    });
  };
}

/**
 * The serving surface every Node framework adapter shares (`serve`, `listen`,
 * `connect`, plus everything of {@link McpAdapterBase}): one class, so Express,
 * Koa and Fastify behave the same.
 */
export class NodeMcpAdapter extends McpAdapterBase {
  constructor(source: RouteSource, options: BackendMcpOptions = {}) {
    super(new BackendMcpServer(source, options));
  }

  /** Serves MCP over this process's stdin/stdout. Logs and warnings go to stderr. */
  serve(): StdioServerHandle {
    return serveStdio(this.server);
  }

  /** Serves MCP over Streamable HTTP on its own port (default `127.0.0.1:3000`, path `/mcp`). */
  listen(options: ListenOptions = {}): Promise<ListeningServer> {
    return listen(this.server, options);
  }

  /** Serves MCP over any transport (e.g. the SDK's `InMemoryTransport`, in tests). */
  connect(transport: Transport): StdioServerHandle {
    return connectTransport(this.server, transport);
  }
}
