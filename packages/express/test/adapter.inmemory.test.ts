import { Cleanups, connectInMemory, PROTOCOL_ERAS, textOf } from '@backend2mcp/test-support';
import { afterEach, describe, expect, it } from 'vitest';
import { McpAdapter } from '../src/index.js';
import { createUsersApp, PIXEL_PNG } from './fixtures/users-app.js';

const cleanups = new Cleanups();
afterEach(() => cleanups.run());

async function connect(clientOptions: (typeof PROTOCOL_ERAS)[number][1]) {
  const fixture = createUsersApp();
  const adapter = new McpAdapter(fixture.app, { name: 'users', version: '1.2.3' });
  const client = await connectInMemory(adapter, cleanups, clientOptions);
  return { client, ...fixture };
}

describe.each(PROTOCOL_ERAS)('express adapter over InMemory, protocol %s', (version, clientOptions) => {
  it('speaks the pinned protocol revision', async () => {
    const { client } = await connect(clientOptions);
    expect(client.getNegotiatedProtocolVersion()).toBe(version);
    expect(client.getServerVersion()).toMatchObject({ name: 'users', version: '1.2.3' });
  });

  it('lists every route as a tool with names, schemas and annotations', async () => {
    const { client } = await connect(clientOptions);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual([
      'get_users',
      'get_users_by_id',
      'post_users',
      'delete_users_by_id',
      'get_users_by_id_avatar',
      'get_private_report',
      'get_admin',
      'get_boom',
      'get_slow',
    ]);
    const byName = Object.fromEntries(tools.map((tool) => [tool.name, tool]));
    expect(byName.get_users_by_id).toMatchObject({
      description: 'Fetch one user.',
      inputSchema: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
      annotations: { readOnlyHint: true },
    });
    expect(byName.post_users!.inputSchema).toMatchObject({
      properties: { name: { type: 'string', minLength: 1 } },
      required: ['name'],
    });
    expect(byName.delete_users_by_id!.annotations).toMatchObject({
      destructiveHint: true,
      idempotentHint: true,
    });
  });

  it("returns the route's real JSON output as structured content", async () => {
    const { client } = await connect(clientOptions);
    const result = await client.callTool({ name: 'get_users_by_id', arguments: { id: '1' } });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({
      id: '1',
      name: 'Ada',
      seenId: '1',
      viaMcp: 'get_users_by_id',
    });
  });

  it('runs express.json() and the handler for a body, and the app keeps the change', async () => {
    const { client, users } = await connect(clientOptions);
    const created = await client.callTool({ name: 'post_users', arguments: { name: 'Grace' } });
    expect(created.structuredContent).toEqual({ id: '2', name: 'Grace' });
    expect(users.get('2')).toEqual({ id: '2', name: 'Grace' });
  });

  it('honours the app auth middleware: rejected without its header, served with it', async () => {
    const { client } = await connect(clientOptions);
    const denied = await client.callTool({ name: 'get_private_report', arguments: {} });
    expect(denied.isError).toBe(true);
    expect(textOf(denied)).toBe('HTTP 401 Unauthorized\n{"error":"missing or wrong x-api-token"}');
    const allowed = await client.callTool({
      name: 'get_private_report',
      arguments: { 'x-api-token': 'secret' },
    });
    expect(allowed.structuredContent).toEqual({ report: 'classified' });
  });

  it('returns an image route as image content', async () => {
    const { client } = await connect(clientOptions);
    const result = await client.callTool({ name: 'get_users_by_id_avatar', arguments: { id: '1' } });
    expect(result.content).toEqual([
      { type: 'image', mimeType: 'image/png', data: PIXEL_PNG.toString('base64') },
    ]);
  });

  it('marks a 404 and a thrown handler (500) as errors, and keeps serving', async () => {
    const { client } = await connect(clientOptions);
    const missing = await client.callTool({ name: 'get_users_by_id', arguments: { id: '42' } });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toBe('HTTP 404 Not Found\n{"error":"no user 42"}');
    const boom = await client.callTool({ name: 'get_boom', arguments: {} });
    expect(boom.isError).toBe(true);
    expect(textOf(boom)).toMatch(/^HTTP 500 Internal Server Error\nError: kaboom/);
    const after = await client.callTool({ name: 'get_users', arguments: {} });
    // A JSON array is structured content as it is on 2026-07-28; the 2025-11-25 wire wraps non-objects.
    const users = [{ id: '1', name: 'Ada' }];
    expect(after.structuredContent).toEqual(version === '2025-11-25' ? { result: users } : users);
  });

  it('keeps a ../admin path argument inside its segment: /admin is never reached', async () => {
    const { client, log } = await connect(clientOptions);
    const result = await client.callTool({ name: 'get_users_by_id', arguments: { id: '../admin' } });
    expect(textOf(result)).toBe('HTTP 404 Not Found\n{"error":"no user ../admin"}');
    expect(log.hits).toEqual(['GET /users/..%2Fadmin']);
  });

  it('aborts the in-process request when the client cancels the call', async () => {
    const { client, log } = await connect(clientOptions);
    const controller = new AbortController();
    const call = client.callTool({ name: 'get_slow', arguments: {} }, { signal: controller.signal });
    await expect.poll(() => log.hits).toContain('GET /slow');
    controller.abort('changed my mind');
    await expect(call).rejects.toThrow();
    await expect.poll(() => log.closed).toEqual(['/slow']);
  });

  it('refuses hidden routes and invalid arguments without reaching the app', async () => {
    const { client, log } = await connect(clientOptions);
    await expect(client.callTool({ name: 'get_internal', arguments: {} })).rejects.toMatchObject({
      code: -32602,
    });
    const invalid = await client.callTool({ name: 'post_users', arguments: { name: '' } });
    expect(invalid.isError).toBe(true);
    expect(textOf(invalid)).toBe(
      'Invalid arguments for post_users: "name" must NOT have fewer than 1 characters.',
    );
    expect(log.hits).toEqual([]);
  });
});
