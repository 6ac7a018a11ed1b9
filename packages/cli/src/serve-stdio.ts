import type { McpServerAdapter } from '@backend2mcp/core/adapter';
import { outputStream } from './output.js';

/**
 * Serves MCP over stdin and the CLI's output descriptor (the real stdout, kept
 * from the app), and ends the process when the client goes: stdin closing (the
 * MCP stdio binding's signal to exit) or the output pipe breaking. The app may
 * hold the event loop open (a database pool, timers, a server it was allowed to
 * start), so waiting for the loop to empty would leave the process behind.
 */
export async function serveOverStdio(adapter: Pick<McpServerAdapter, 'connect'>): Promise<void> {
  const { StdioServerTransport } = await import('@modelcontextprotocol/server/stdio');
  const output = outputStream();
  const exit = () => setImmediate(() => process.exit(0));
  output.once('error', exit);
  process.stdin.once('end', exit);
  process.stdin.once('close', exit);
  await adapter.connect(new StdioServerTransport(process.stdin, output));
}
