import type { McpRequestInfo } from './adapter.js';

/**
 * Types `ctx.req.mcp`: the adapter sets it on the Node request of every MCP
 * tool call (undefined for ordinary HTTP requests), so handlers read it
 * without a cast.
 */
// `http`, not `node:http`: @types/node declares the interface there (augmenting the alias makes a second one).
declare module 'http' {
  interface IncomingMessage {
    /** The MCP tool call this request serves; undefined for ordinary HTTP requests. */
    readonly mcp?: McpRequestInfo;
  }
}
