import type { CallToolResult, Transport } from '@modelcontextprotocol/server';
import type { BackendMcpServer, RefreshResult } from '../backend-mcp-server.js';
import type { ListeningServer, ListenOptions } from '../node/listen.js';
import type { StdioServerHandle } from '../node/stdio.js';
import type { BackendMcpOptions } from '../server-options.js';
import type {
  CustomPromptDefinition,
  CustomPromptGetter,
  CustomResourceDefinition,
  CustomResourceReader,
  CustomToolDefinition,
  CustomToolHandler,
} from '../surface/custom-surface.js';
import type { ToolSpec } from '../tool-spec.js';

/** A value, or a promise of it: adapters for edge runtimes load their Node-only parts lazily. */
export type Awaitable<T> = T | Promise<T>;

/**
 * What every backend2mcp adapter's `McpAdapter` offers, whatever its framework.
 * The binding to the app itself (how routes are read and requests dispatched)
 * is the {@link RouteSource} the adapter hands {@link BackendMcpServer}; this is
 * the surface users program against. Extend `NodeMcpAdapter` (from
 * `@backend2mcp/core/node`) or `McpAdapterBase` and add `mount()` to get all of it.
 *
 * `serve()` and `connect()` may return a promise: an adapter meant for edge
 * runtimes (Hono) loads the Node-only serving code on first use. Callers await them.
 *
 * @typeParam MountOptions - what the adapter's `mount()` accepts besides the path.
 */
export interface McpServerAdapter<MountOptions extends object = object> {
  /** The core server behind the adapter: tools, the web-standard `fetch` handler, the SDK server factory. */
  readonly server: BackendMcpServer;
  /** The tools generated from the app's routes. */
  readonly tools: readonly ToolSpec[];
  /** Adds a hand-written tool beside the generated ones. */
  tool(name: string, definition: CustomToolDefinition, handler: CustomToolHandler): this;
  /** Adds a hand-written resource or resource template. */
  resource(name: string, uri: string, definition: CustomResourceDefinition, read: CustomResourceReader): this;
  /** Adds a hand-written prompt. */
  prompt(name: string, definition: CustomPromptDefinition, get: CustomPromptGetter): this;
  /** Tells subscribed clients that a resource's content changed. */
  resourceUpdated(uri: string): void;
  /** Reads the app's routes again and tells connected clients what changed. */
  refresh(): Promise<RefreshResult>;
  /** Calls a tool directly, without a transport. */
  callTool(name: string, args?: Record<string, unknown>, signal?: AbortSignal): Promise<CallToolResult>;
  /** Releases the HTTP handler and aborts in-flight HTTP exchanges. */
  close(): Promise<void>;
  /** Serves MCP over this process's stdin/stdout (Node). */
  serve(): Awaitable<StdioServerHandle>;
  /** Serves MCP over Streamable HTTP on its own port (Node; default `127.0.0.1:3000/mcp`). */
  listen(options?: ListenOptions): Promise<ListeningServer>;
  /** Serves MCP over any SDK transport (e.g. `InMemoryTransport`, in tests). */
  connect(transport: Transport): Awaitable<StdioServerHandle>;
  /** Adds the MCP endpoint (and any well-known documents) to the app itself, at `path` (default `/mcp`). */
  mount(path?: string, options?: MountOptions): this;
}

/**
 * How a program that is handed "some app" (the `backend2mcp` CLI, the bench, a
 * test kit) finds and serves it with this adapter. Each adapter package exports
 * one as `descriptor`; the CLI lists them, and adding an adapter to the CLI is
 * adding its descriptor to that list.
 *
 * @typeParam App - the app type the adapter serves.
 * @typeParam Name - the adapter's short name, kept literal by {@link defineAdapter}.
 *
 * @example
 * ```ts
 * export const descriptor = defineAdapter({
 *   name: 'plain-http',
 *   displayName: 'node:http',
 *   packageName: '@acme/backend2mcp-plain-http',
 *   frameworkPackage: 'node:http',
 *   detect: (value): value is PlainApp => typeof value === 'function' && 'routes' in value,
 *   create: (app, options) => new McpAdapter(app, options),
 * });
 * ```
 */
export interface AdapterDescriptor<App = never, Name extends string = string> {
  /** Short lower-case name: the CLI's `--framework` value and the key in reports (`express`). */
  readonly name: Name;
  /** The framework as people write it, for messages (`Express`, `Fastify`). */
  readonly displayName: string;
  /** The npm package of the adapter (`@backend2mcp/express`). */
  readonly packageName: string;
  /** The npm package of the framework it serves, whose version reports print (`express`). */
  readonly frameworkPackage: string;
  /**
   * True when `value` is an app this adapter serves. Recognise it by its shape,
   * never by `instanceof`, so any copy or version of the framework is recognised;
   * stay specific enough that no other adapter's app passes.
   */
  detect(value: unknown): value is App;
  /** The adapter over `app`. */
  create(app: App, options?: BackendMcpOptions): McpServerAdapter;
  /**
   * Runs before the user's module is loaded, with the URL of that module: for
   * adapters that must see the app being built (Express instrumentation,
   * Fastify's instance watcher). Resolve the framework from that URL, so the
   * copy the app imports is the one prepared.
   */
  preload?(moduleUrl: URL): void | Promise<void>;
  /**
   * The {@link create} options that hand the app the environment values a
   * program was given for it (the CLI's `--env` and `--env-file`) beyond
   * `process.env`, which they always reach: for frameworks whose apps read
   * configuration from bindings (Hono's `c.env`, as on Workers).
   */
  environmentOptions?(values: Readonly<Record<string, string>>): BackendMcpOptions;
}

/** Any adapter's descriptor, whatever the app type it serves. */
export type AnyAdapterDescriptor = AdapterDescriptor<any>;

/**
 * Declares an adapter's {@link AdapterDescriptor}, keeping `name` as a literal
 * type so a list of descriptors yields a union of names.
 */
export function defineAdapter<App, const Name extends string>(
  descriptor: AdapterDescriptor<App, Name>,
): AdapterDescriptor<App, Name> {
  return Object.freeze({ ...descriptor });
}
