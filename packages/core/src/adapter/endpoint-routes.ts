import type { BackendMcpServer } from '../backend-mcp-server.js';
import { MCP_ENDPOINT_MARK } from '../route-meta.js';

/**
 * Marks `handler` as backend2mcp's own endpoint, so route extraction never lists
 * it (or anything mounted under it) as a tool. Returns the same function.
 */
export function markMcpEndpoint<T extends object>(handler: T): T {
  Object.defineProperty(handler, MCP_ENDPOINT_MARK, { value: true });
  return handler;
}

/** Where an adapter's `mount()` attaches what backend2mcp serves inside the app. */
export interface EndpointAttachments {
  /** Attaches the MCP Streamable HTTP endpoint at `path`. */
  endpoint(path: string): void;
  /**
   * Attaches the documents auth providers publish (OAuth Protected Resource
   * Metadata, RFC 9728) at each of `paths`. Called only when there are some.
   */
  wellKnown(paths: readonly string[]): void;
}

/**
 * What every adapter's `mount()` does, in order: the MCP endpoint at `path`,
 * then the well-known documents of the server's auth providers, when they publish any.
 * The adapter only says how its framework attaches a handler.
 */
export function mountMcpRoutes(server: BackendMcpServer, path: string, attach: EndpointAttachments): void {
  attach.endpoint(path);
  const wellKnownPaths = server.wellKnownPaths;
  if (wellKnownPaths.length > 0) attach.wellKnown(wellKnownPaths);
}
