import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { McpAdapter, mcpContext } from '../src/index.js';

function appSeeingTheCall() {
  const app = express();
  app.get('/who', (req, res) => {
    res.json({ req: req.mcp?.toolName ?? null, context: mcpContext(req)?.toolName ?? null });
  });
  return app;
}

describe('express call context', () => {
  it('shows the call as req.mcp and mcpContext(req)', async () => {
    const adapter = new McpAdapter(appSeeingTheCall());
    const result = await adapter.callTool('get_who');
    expect(result.structuredContent).toEqual({ req: 'get_who', context: 'get_who' });
  });

  it('shows no call for an ordinary HTTP request', async () => {
    const server = appSeeingTheCall().listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/who`);
      expect(await response.json()).toEqual({ req: null, context: null });
    } finally {
      server.close();
    }
  });
});
