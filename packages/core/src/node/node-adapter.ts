import type { IncomingMessage } from 'node:http';
import type { CallToolResult, Transport } from '@modelcontextprotocol/server';
import {
  type BackendMcpOptions,
  BackendMcpServer,
  type RefreshResult,
  type RouteSource,
} from '../backend-mcp-server.js';
import type { Dispatch, DispatchContext } from '../http.js';
import type {
  CustomPromptDefinition,
  CustomPromptGetter,
  CustomResourceDefinition,
  CustomResourceReader,
  CustomToolDefinition,
  CustomToolHandler,
} from '../surface/custom-surface.js';
import type { ToolSpec } from '../tool-spec.js';
import { dispatchNodeListener, type NodeRequestListener } from './dispatch-node-listener.js';
import { type ListeningServer, type ListenOptions, listen } from './listen.js';
import { connectTransport, type StdioServerHandle, serveStdio } from './stdio.js';

/**
 * A {@link Dispatch} that runs requests through a Node request listener (an
 * Express app, `koa.callback()`) with {@link dispatchNodeListener}, putting the
 * call's {@link DispatchContext} on `req.mcp`. The listener is asked for on first use.
 */
export function nodeListenerDispatch(getListener: () => NodeRequestListener): Dispatch {
  let listener: NodeRequestListener | undefined;
  return (request, options) => {
    listener ??= getListener();
    return dispatchNodeListener(listener, request, {
      ...options,
      onRequest: (req) => attachContext(req, options.context),
    });
  };
}

/**
 * The serving surface every Node framework adapter shares (`serve`, `listen`,
 * `connect`, `callTool`, `close`): one class, so Express, Koa and Fastify behave the same.
 */
export class NodeMcpAdapter {
  /** The core server behind this adapter (tools, fetch handler, SDK server factory). */
  readonly server: BackendMcpServer;

  constructor(source: RouteSource, options: BackendMcpOptions = {}) {
    this.server = new BackendMcpServer(source, options);
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

  /** Adds a hand-written tool beside the generated ones (JSON Schema or zod input). */
  tool(name: string, definition: CustomToolDefinition, handler: CustomToolHandler): this {
    this.server.tool(name, definition, handler);
    return this;
  }

  /** Adds a hand-written resource, or a resource template for an RFC 6570 `uri` (`notes://{id}`). */
  resource(
    name: string,
    uri: string,
    definition: CustomResourceDefinition,
    read: CustomResourceReader,
  ): this {
    this.server.resource(name, uri, definition, read);
    return this;
  }

  /** Adds a hand-written prompt. */
  prompt(name: string, definition: CustomPromptDefinition, get: CustomPromptGetter): this {
    this.server.prompt(name, definition, get);
    return this;
  }

  /** Tells clients subscribed to `uri` that its content changed (`notifications/resources/updated`). */
  resourceUpdated(uri: string): void {
    this.server.resourceUpdated(uri);
  }

  /** Reads the app's routes again and tells connected clients when tools or resources changed. */
  refresh(): Promise<RefreshResult> {
    return this.server.refresh();
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
