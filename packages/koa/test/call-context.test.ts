import Router from '@koa/router';
import Koa from 'koa';
import { describe, expect, it } from 'vitest';
import { McpAdapter, mcpContext } from '../src/index.js';

function appSeeingTheCall() {
  const app = new Koa();
  const router = new Router();
  router.get('/who', (ctx) => {
    ctx.body = {
      state: ctx.state.mcp?.toolName ?? null,
      context: mcpContext(ctx)?.toolName ?? null,
      req: (ctx.req as { mcp?: { toolName: string } }).mcp?.toolName ?? null,
    };
  });
  app.use(router.routes());
  return app;
}

describe('koa call context', () => {
  it('shows the call as ctx.state.mcp, mcpContext(ctx) and ctx.req.mcp', async () => {
    const adapter = new McpAdapter(appSeeingTheCall());
    const result = await adapter.callTool('get_who');
    expect(result.structuredContent).toEqual({ state: 'get_who', context: 'get_who', req: 'get_who' });
  });

  it('adds its ctx.state middleware once, however many adapters serve the app', () => {
    const app = appSeeingTheCall();
    const before = app.middleware.length;
    new McpAdapter(app);
    new McpAdapter(app);
    new McpAdapter(app);
    expect(app.middleware.length).toBe(before + 1);
  });
});
