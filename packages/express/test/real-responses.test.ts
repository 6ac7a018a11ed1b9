import { Cleanups, connectInMemory, listPublishableTools, textOf } from '@backend2mcp/test-support';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { McpAdapter } from '../src/index.js';
import { createSessionApp } from './fixtures/session-app.js';

const cleanups = new Cleanups();
afterEach(() => cleanups.run());

beforeAll(() => {
  // Express's default error handler sends stack traces unless NODE_ENV is production.
  expect(process.env.NODE_ENV).not.toBe('production');
});

function connect(options: ConstructorParameters<typeof McpAdapter>[1] = {}) {
  return connectInMemory(new McpAdapter(createSessionApp(), options), cleanups);
}

describe('express adapter: responses as real apps send them', () => {
  it('sends form-encoded bodies to routes whose app parses only forms', async () => {
    const client = await connect();
    const tools = await listPublishableTools(client);
    expect(tools.get('post_login')!.inputSchema.properties).toMatchObject({
      body: { type: 'object', additionalProperties: true },
    });
    const login = await client.callTool({
      name: 'post_login',
      arguments: { body: { user: 'ada', password: 'secret' } },
    });
    expect(login.isError).toBeFalsy();
    expect(login.structuredContent).toEqual({ user: 'ada' });
  });

  it('keeps cookies per connection with cookies: true, so a session login works within it', async () => {
    const client = await connect({ cookies: true });
    await client.callTool({ name: 'post_login', arguments: { body: { user: 'ada', password: 'secret' } } });
    const me = await client.callTool({ name: 'get_me', arguments: {} });
    expect(me.isError).toBeFalsy();
    expect(me.structuredContent).toEqual({ user: 'ada', cookie: 'sid=s1; theme=dark' });

    // Another connection to the same server has its own, empty jar.
    const adapter = new McpAdapter(createSessionApp(), { cookies: true });
    const first = await connectInMemory(adapter, cleanups);
    const second = await connectInMemory(adapter, cleanups);
    await first.callTool({ name: 'post_login', arguments: { body: { user: 'ada', password: 'secret' } } });
    expect((await first.callTool({ name: 'get_me', arguments: {} })).isError).toBeFalsy();
    const stranger = await second.callTool({ name: 'get_me', arguments: {} });
    expect(stranger.isError).toBe(true);
    expect(textOf(stranger)).toBe('HTTP 401 Unauthorized\n{"error":"not logged in"}');
  });

  it('keeps no cookies by default', async () => {
    const client = await connect();
    await client.callTool({ name: 'post_login', arguments: { body: { user: 'ada', password: 'secret' } } });
    expect((await client.callTool({ name: 'get_me', arguments: {} })).isError).toBe(true);
  });

  it('reports the redirect after a POST with its status and Location, not as an error', async () => {
    const client = await connect();
    const result = await client.callTool({ name: 'post_orders', arguments: { body: { item: 'tea' } } });
    expect(result.isError).toBeFalsy();
    expect(textOf(result)).toBe(
      'HTTP 303 See Other\nLocation: /orders/7?item=tea\n\nSee Other. Redirecting to /orders/7?item=tea',
    );
  });

  it('takes a number for a path parameter typed as a string and sends it as text', async () => {
    const client = await connect();
    const result = await client.callTool({ name: 'get_users_by_id', arguments: { id: 2 } });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({ id: '2' });
  });

  it('shows the status and message of a dev-mode error page, never its stack trace', async () => {
    const client = await connect();
    const result = await client.callTool({ name: 'get_boom', arguments: {} });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe('HTTP 500 Internal Server Error\nError: database unreachable');
  });
});
