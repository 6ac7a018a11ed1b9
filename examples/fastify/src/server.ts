/**
 * Runs an example Fastify API as an MCP server.
 *
 *   tsx src/server.ts          the JSON Schema todo API over stdio
 *   tsx src/server.ts --zod    the zod book API over stdio
 *   tsx src/server.ts --typed  the fluent-json-schema + TypeBox billing API over stdio
 *   tsx src/server.ts --http   the todo API on http://127.0.0.1:3000 with MCP mounted at /mcp
 */
import { McpAdapter } from '@backend2mcp/fastify';
import { createJsonSchemaApp } from './json-schema-app.js';
import { createTypedApp } from './typed-app.js';
import { createZodApp } from './zod-app.js';

const app = process.argv.includes('--zod')
  ? createZodApp()
  : process.argv.includes('--typed')
    ? createTypedApp()
    : createJsonSchemaApp();
const adapter = new McpAdapter(app, { name: 'example-fastify', version: '1.0.0' });

if (process.argv.includes('--http')) {
  adapter.mount('/mcp');
  const port = Number(process.env.PORT ?? 3000);
  await app.listen({ port, host: '127.0.0.1' });
  console.error(`API on http://127.0.0.1:${port}, MCP endpoint on http://127.0.0.1:${port}/mcp`);
} else {
  adapter.serve();
}
