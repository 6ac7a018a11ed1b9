import type { IncomingMessage, ServerResponse } from 'node:http';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterEach, expect, it } from 'vitest';
import { BackendMcpServer } from '../src/backend-mcp-server.js';
import { dispatchNodeListener, listen } from '../src/node.js';
import type { RouteInfo } from '../src/route.js';

const closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

it('sends tools/list_changed to a 2026-07-28 HTTP client listening with subscriptions/listen', async () => {
  const routes: RouteInfo[] = [{ method: 'GET', path: '/a' }];
  const app = (_req: IncomingMessage, res: ServerResponse) => res.end('ok');
  const mcp = new BackendMcpServer({
    extractRoutes: () => ({ routes: [...routes], skipped: [] }),
    dispatch: (request, options) => dispatchNodeListener(app, request, options),
  });
  const server = await listen(mcp, { port: 0 });
  closers.push(() => server.close());

  const changes: string[][] = [];
  const client = new Client(
    { name: 'test', version: '1.0.0' },
    {
      versionNegotiation: { mode: { pin: '2026-07-28' } },
      listChanged: {
        tools: {
          onChanged: (_error: unknown, tools: Array<{ name: string }> | null) =>
            changes.push((tools ?? []).map((tool) => tool.name)),
        },
      },
    },
  );
  await client.connect(new StreamableHTTPClientTransport(server.url));
  closers.push(() => client.close());
  expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual(['get_a']);
  // Let the listen stream the client opened on connect be acknowledged before the change.
  await expect.poll(() => client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
  await new Promise((resolve) => setTimeout(resolve, 200));

  routes.push({ method: 'GET', path: '/b' });
  expect(await mcp.refresh()).toEqual({ toolsChanged: true, resourcesChanged: false });
  await expect.poll(() => changes.at(-1), { timeout: 3000 }).toEqual(['get_a', 'get_b']);
});
