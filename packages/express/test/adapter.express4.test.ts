import { once } from 'node:events';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { Cleanups } from '@backend2mcp/test-support';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { afterEach, describe, expect, it } from 'vitest';
import { instrumentExpress, McpAdapter } from '../src/index.js';

const express4 = createRequire(import.meta.url)('express4');
instrumentExpress(express4);

/** A small Express 4 app: a router with a numeric param, express.json(), an error handler. */
function createApp() {
  const app = express4();
  app.use(express4.json());
  const items = express4.Router();
  items.get('/:id(\\d+)', (req: any, res: any) =>
    res.json({ id: req.params.id, type: typeof req.params.id }),
  );
  items.post('/', (req: any, res: any) => res.status(201).json({ created: req.body }));
  app.use('/items', items);
  app.get('/fail', (_req: any, _res: any, next: any) => next(new Error('express 4 failure')));
  app.use((error: Error, _req: any, res: any, _next: any) => res.status(500).json({ error: error.message }));
  return app;
}

const cleanups = new Cleanups();
afterEach(() => cleanups.run());

describe('express adapter on Express 4', () => {
  it('lists typed tools and runs calls through the Express 4 middleware chain', async () => {
    const adapter = new McpAdapter(createApp());
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    const handle = adapter.connect(serverSide);
    const client = new Client({ name: 'test', version: '1.0.0' });
    await client.connect(clientSide);
    cleanups.add(
      () => handle.close(),
      () => client.close(),
    );

    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(['get_items_by_id', 'post_items', 'get_fail']);
    expect(tools[0]!.inputSchema.properties).toEqual({
      id: { type: 'integer', minimum: 0 },
      query: expect.objectContaining({ type: 'object' }),
    });
    const item = await client.callTool({ name: 'get_items_by_id', arguments: { id: 7 } });
    expect(item.structuredContent).toEqual({ id: '7', type: 'string' });
    const created = await client.callTool({ name: 'post_items', arguments: { body: { name: 'x' } } });
    expect(created.structuredContent).toEqual({ created: { name: 'x' } });
    const failed = await client.callTool({ name: 'get_fail', arguments: {} });
    expect(failed).toMatchObject({
      isError: true,
      content: [{ type: 'text', text: 'HTTP 500 Internal Server Error\n{"error":"express 4 failure"}' }],
    });
  });

  it('mounts the endpoint inside an Express 4 app, after its built-in middleware', async () => {
    const app = createApp();
    new McpAdapter(app).mount('/mcp');
    const stackNames = app._router.stack.map((layer: { name: string }) => layer.name);
    expect(stackNames.slice(0, 3)).toEqual(['query', 'expressInit', 'mcpEndpoint']);
    const server: Server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    cleanups.add(async () => {
      server.closeAllConnections();
      server.close();
    });
    const { port } = server.address() as AddressInfo;
    const client = new Client({ name: 'test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`)));
    cleanups.add(() => client.close());
    const item = await client.callTool({ name: 'get_items_by_id', arguments: { id: 3 } });
    expect(item.structuredContent).toEqual({ id: '3', type: 'string' });
  });
});
