/**
 * Serves the conformance fixtures over Streamable HTTP on 127.0.0.1.
 *
 *   tsx src/server.ts               a free port; the endpoint URL is printed on stdout
 *   PORT=3001 tsx src/server.ts     a fixed port
 *
 * The first stdout line is `MCP endpoint: <url>`, which scripts/conformance.mjs waits for.
 */
import { createAdapter } from './adapter.js';

const adapter = createAdapter();
const server = await adapter.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
console.log(`MCP endpoint: ${server.url.href}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
