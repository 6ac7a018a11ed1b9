/**
 * The one file that couples this package to core's adapter-facing API
 * (`RouteSource`, `NodeMcpAdapter`): everything else speaks OpenAPI and HTTP.
 * When core's explicit adapter contract lands, this file is what to port.
 */
import type { BackendMcpOptions, RefreshResult } from '@backend2mcp/core';
import { NodeMcpAdapter } from '@backend2mcp/core/node';
import { OpenApiBackend, type OpenApiBackendOptions } from './openapi-backend.js';

/** Options for {@link OpenApiMcpAdapter}: where the backend is, plus everything every adapter takes. */
export interface OpenApiMcpOptions extends BackendMcpOptions, OpenApiBackendOptions {}

/**
 * Serves a backend written in any language (FastAPI, Flask, Django, Spring
 * Boot, Gin, ...) as an MCP server, from its OpenAPI 3.0/3.1 or Swagger 2.0
 * document: one tool per operation, calls sent over HTTP to the running backend.
 *
 * @example
 * ```ts
 * import { OpenApiMcpAdapter } from '@backend2mcp/openapi';
 *
 * const mcp = new OpenApiMcpAdapter({ document: 'http://127.0.0.1:8000/openapi.json' });
 * await mcp.listen({ port: 3000 }); // or mcp.serve() for stdio
 * ```
 */
export class OpenApiMcpAdapter extends NodeMcpAdapter {
  /** The backend behind the tools: its document, base URL and connection pool. */
  readonly backend: OpenApiBackend;

  constructor(options: OpenApiMcpOptions) {
    const backend = new OpenApiBackend(options);
    const onWarning = options.onWarning ?? ((message: string) => console.warn(message));
    super(
      {
        extractRoutes: () => backend.routes(),
        dispatch: backend.dispatch,
        encodeRequest: backend.encodeRequest,
        prepare: async () => {
          await backend.load(onWarning);
        },
      },
      options,
    );
    this.backend = backend;
  }

  /**
   * Reads the document (once) and builds the tool list, so the first
   * `tools/list` costs no more than the next. Serving would read it on first
   * use too; calling this first makes a wrong URL or document fail at start.
   */
  async ready(): Promise<void> {
    await this.server.prepare();
    void this.server.tools; // built now, cached until reload()
  }

  /**
   * Reads the document again and, when it changed, rebuilds the tools and sends
   * `notifications/tools/list_changed` to connected clients (what `--watch` does).
   */
  async reload(): Promise<RefreshResult> {
    await this.server.prepare();
    const changed = await this.backend.load(this.server.options.onWarning);
    if (!changed) return { toolsChanged: false, resourcesChanged: false };
    return this.refresh();
  }

  /** Stops serving and closes the connections to the backend. */
  override async close(): Promise<void> {
    await super.close();
    await this.backend.close();
  }
}
