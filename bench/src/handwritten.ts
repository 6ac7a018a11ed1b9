/**
 * The "protocol's own cost" contender: an SDK `McpServer` with the two tools
 * written by hand, each calling the business function directly. No framework,
 * no HTTP request inside; what is left is the MCP SDK (JSON-RPC, schema
 * validation, result shaping), the floor any MCP server pays.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { createMcpHandler, McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { createUser, getUser } from './business.js';

const userParams = z.object({ id: z.string() });
const newUser = z
  .object({
    name: z.string().min(1),
    email: z.string(),
    bio: z.string().optional(),
    tags: z.array(z.string()).optional(),
  })
  .strict();

/** JSON results the way backend2mcp returns them: structured content plus the same JSON as text. */
function jsonResult(value: object) {
  return {
    content: [{ type: 'text' as const, text: JSON.stringify(value) }],
    structuredContent: value as Record<string, unknown>,
  };
}

/** A fresh hand-written server with `get_users_by_id` and `post_users`. */
export function createHandwrittenServer(): McpServer {
  const server = new McpServer({ name: 'bench-handwritten', version: '1.0.0' });
  server.registerTool(
    'get_users_by_id',
    { description: 'Fetch one user.', inputSchema: userParams, annotations: { readOnlyHint: true } },
    async ({ id }) => {
      const user = getUser(id);
      if (!user) return { isError: true, content: [{ type: 'text', text: 'no such user' }] };
      return jsonResult(user);
    },
  );
  server.registerTool('post_users', { description: 'Create a user.', inputSchema: newUser }, async (input) =>
    jsonResult(createUser({ bio: '', tags: [], ...input })),
  );
  return server;
}

/**
 * Serves the hand-written server over Streamable HTTP on 127.0.0.1 the way the
 * SDK recommends for stateless serving (`createMcpHandler`, one server per
 * request), so it is comparable with backend2mcp's `listen()`.
 */
export async function listenHandwritten(): Promise<{ url: URL; close(): Promise<void> }> {
  const handler = createMcpHandler(() => createHandwrittenServer(), { legacy: 'stateless' });
  const server = createServer(toNodeHandler(handler));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: new URL(`http://127.0.0.1:${port}/mcp`),
    close: async () => {
      await handler.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
