/**
 * Runs the example Koa API as an MCP server.
 *
 *   tsx src/server.ts          MCP over stdio
 *   tsx src/server.ts --http   the API on http://127.0.0.1:3000 with MCP mounted at /mcp
 */
import { McpAdapter } from '@backend2mcp/koa';
import { createApp } from './app.js';

const app = createApp();
const adapter = new McpAdapter(app, { name: 'example-koa', version: '1.0.0' });

if (process.argv.includes('--http')) {
  const port = Number(process.env.PORT ?? 3000);
  adapter.mount('/mcp');
  app.listen(port, '127.0.0.1', () => {
    console.error(`API on http://127.0.0.1:${port}, MCP endpoint on http://127.0.0.1:${port}/mcp`);
  });
} else {
  adapter.serve();
}
