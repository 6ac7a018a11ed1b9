import { LEGACY_PING, MCP_POST_HEADERS } from '@backend2mcp/test-support';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { McpAdapter } from '../src/index.js';

/**
 * Bun, Deno and Workers call `app.fetch(request)` with no Node socket behind it:
 * the DNS-rebinding check of `mount()` must not depend on one.
 */
describe('hono mount(): Host/Origin checks on any runtime (app.fetch without a socket)', () => {
  function mounted(http?: { allowedHosts: string[] }) {
    const app = new Hono();
    app.get('/users/:id', (c) => c.json({ id: c.req.param('id') }));
    new McpAdapter(app, http ? { http } : {}).mount('/mcp');
    return (host: string, origin?: string) =>
      app.fetch(
        new Request(`http://${host}/mcp`, {
          method: 'POST',
          headers: { ...MCP_POST_HEADERS, host, ...(origin ? { origin } : {}) },
          body: LEGACY_PING,
        }),
      );
  }

  it('refuses a foreign Host or Origin by default, serves localhost', async () => {
    const post = mounted();
    expect((await post('evil.example.com')).status).toBe(403);
    expect((await post('localhost:8787', 'https://evil.example.com')).status).toBe(403);
    const local = await post('localhost:8787', 'http://localhost:8787');
    expect(local.status).toBe(200);
    expect(await local.text()).toContain('"result":{}');
  });

  it('serves the configured host names, and browser origins on them', async () => {
    const post = mounted({ allowedHosts: ['api.example.com'] });
    expect((await post('api.example.com', 'https://api.example.com')).status).toBe(200);
    expect((await post('localhost:8787')).status).toBe(403);
    expect((await post('api.example.com', 'https://evil.example.com')).status).toBe(403);
  });
});
