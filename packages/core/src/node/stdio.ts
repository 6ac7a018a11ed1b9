import type { Transport } from '@modelcontextprotocol/server';
import { type StdioServerHandle, serveStdio as sdkServeStdio } from '@modelcontextprotocol/server/stdio';
import type { BackendMcpServer } from '../backend-mcp-server.js';

export type { StdioServerHandle };

/**
 * Serves the backend over stdio (one client per process, both protocol eras).
 * Only protocol messages go to stdout; backend2mcp's own warnings go to stderr.
 */
export function serveStdio(mcp: BackendMcpServer): StdioServerHandle {
  return sdkServeStdio((context) => mcp.createServer(context));
}

/**
 * Serves the backend over any MCP transport, e.g. one side of
 * `InMemoryTransport.createLinkedPair()` in tests. The opening exchange picks
 * the protocol era, as on stdio.
 */
export function connectTransport(mcp: BackendMcpServer, transport: Transport): StdioServerHandle {
  return sdkServeStdio((context) => mcp.createServer(context), { transport });
}
