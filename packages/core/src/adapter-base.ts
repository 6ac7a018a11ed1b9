import type { CallToolResult } from '@modelcontextprotocol/server';
import type { BackendMcpServer, RefreshResult } from './backend-mcp-server.js';
import type {
  CustomPromptDefinition,
  CustomPromptGetter,
  CustomResourceDefinition,
  CustomResourceReader,
  CustomToolDefinition,
  CustomToolHandler,
} from './surface/custom-surface.js';
import type { ToolSpec } from './tool-spec.js';

/**
 * What every adapter offers whatever its runtime: the generated tools, the
 * hand-written tools, resources and prompts, `refresh()`, direct calls. Node
 * adapters add `serve`/`listen`/`connect` (`NodeMcpAdapter`); the Hono adapter
 * adds its edge-safe versions. Free of `node:*`, like the rest of core's main entry.
 */
export class McpAdapterBase {
  constructor(
    /** The core server behind this adapter (tools, fetch handler, SDK server factory). */
    readonly server: BackendMcpServer,
  ) {}

  /** The tools generated from the app's routes. */
  get tools(): readonly ToolSpec[] {
    return this.server.tools;
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
