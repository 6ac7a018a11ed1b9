import { McpAdapter } from '@backend2mcp/nestjs';
import { createApp } from './app.js';

/** The same app as an MCP server over stdio, for Claude Desktop or Cursor. Logs go to stderr. */
const app = await createApp('express', { logger: false });
await app.init();
app.get(McpAdapter).serve();
