import type { IncomingMessage } from 'node:http';
import type { CallToolResult, Transport } from '@modelcontextprotocol/server';
import { type BackendMcpOptions, BackendMcpServer } from '../backend-mcp-server.js';
import type { DispatchContext } from '../http.js';
import type { ExtractedRoutes } from '../route.js';
import type { ToolSpec } from '../tool-spec.js';
import { dispatchNodeListener, type NodeRequestListener } from './dispatch-node-listener.js';
import { type ListeningServer, type ListenOptions, listen } from './listen.js';
import { connectTransport, type StdioServerHandle, serveStdio } from './stdio.js';

/** What a Node framework adapter provides: its routes, and the app as a Node request listener. */
export interface NodeAppSource {
  extractRoutes(): ExtractedRoutes;
  /** The app as a `(req, res)` listener (an Express app, `koa.callback()`). Asked for on first dispatch. */
  listener(): NodeRequestListener;
}

/**
 * The serving surface every Node framework adapter shares (`serve`, `listen`,
 * `connect`, `callTool`, `close`): one class, so Express and Koa behave the same.
 * Each call reaches the app through {@link dispatchNodeListener}, with the
 * call's {@link DispatchContext} on `req.mcp`.
 */
export class NodeMcpAdapter {
  /** The core server behind this adapter (tools, fetch handler, SDK server factory). */
  readonly server: BackendMcpServer;

  constructor(source: NodeAppSource, options: BackendMcpOptions = {}) {
    let listener: NodeRequestListener | undefined;
    this.server = new BackendMcpServer(
      {
        extractRoutes: () => source.extractRoutes(),
        dispatch: (request, dispatchOptions) => {
          listener ??= source.listener();
          return dispatchNodeListener(listener, request, {
            ...dispatchOptions,
            onRequest: (req) => attachContext(req, dispatchOptions.context),
          });
        },
      },
      options,
    );
  }

  /** The tools generated from the app's routes. */
  get tools(): readonly ToolSpec[] {
    return this.server.tools;
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

  /** Calls a tool directly, without a transport. */
  callTool(name: string, args?: Record<string, unknown>, signal?: AbortSignal): Promise<CallToolResult> {
    return this.server.callTool(name, args, signal);
  }

  /** Releases the HTTP handler and aborts in-flight HTTP exchanges. */
  close(): Promise<void> {
    return this.server.close();
  }
}

function attachContext(req: IncomingMessage, context: DispatchContext | undefined): void {
  if (context) Object.defineProperty(req, 'mcp', { value: context, enumerable: true });
}
