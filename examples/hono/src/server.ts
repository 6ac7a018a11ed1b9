/** Serves the example on http://127.0.0.1:3000 (API) with MCP at http://127.0.0.1:3000/mcp. */
import { serve } from '@hono/node-server';
import { createApp } from './app.js';

const port = Number(process.env.PORT ?? 3000);
serve({ fetch: createApp().fetch, port, hostname: '127.0.0.1' }, () => {
  console.error(`API on http://127.0.0.1:${port}, MCP endpoint on http://127.0.0.1:${port}/mcp`);
});
