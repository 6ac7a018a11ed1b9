import { Cleanups, connectInMemory } from '@backend2mcp/test-support';
import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { McpAdapter } from '../src/index.js';
import { type AppLog, createCatsApp, type Platform } from './fixtures/cats-app.js';
import { errorOf, listenOnLoopback } from './fixtures/http.js';

// Arguments as strings, the way they travel in URLs, so the pipes' conversions are what is compared.
const silent = { onWarning: () => {}, schemas: 'none' as const };

describe.each<Platform>(['express', 'fastify'])(
  'nest %s platform: a tool call runs like the HTTP request',
  (platform) => {
    const cleanups = new Cleanups();
    let client: Client;
    let http: Awaited<ReturnType<typeof listenOnLoopback>>;
    let log: AppLog;
    let app: Awaited<ReturnType<typeof createCatsApp>>['app'];

    beforeAll(async () => {
      const created = await createCatsApp(platform);
      ({ app, log } = created);
      const adapter = new McpAdapter(app, silent);
      client = await connectInMemory(adapter, cleanups);
      http = await listenOnLoopback(created.app);
      cleanups.add(() => created.app.close());
    });
    afterAll(() => cleanups.run());

    const call = (name: string, args: Record<string, unknown> = {}) =>
      client.callTool({ name, arguments: args });

    it('answers with the same JSON, after the interceptor, the middleware and a request-scoped provider ran', async () => {
      const before = { middleware: log.middleware.length, scoped: log.requestScoped };
      const viaMcp = await call('get_api_v1_cats');
      expect(log.middleware.slice(before.middleware)).toEqual(['/api/v1/cats']);
      expect(log.requestScoped).toBe(before.scoped + 1);
      const viaHttp = await http('/api/v1/cats');
      expect(viaMcp.isError).toBeFalsy();
      expect(viaMcp.structuredContent).toEqual(viaHttp.body);
      expect(viaMcp.structuredContent).toMatchObject({ tenant: 'none', servedBy: 'nest' });
    });

    it('gives the ValidationPipe 400 with its messages, for the query and the body', async () => {
      const query = await call('get_api_v1_cats', { query: { limit: '0' } });
      const queryHttp = await http('/api/v1/cats?limit=0');
      expect(errorOf(query)).toEqual({ isError: true, status: 400, body: queryHttp.body });
      expect(queryHttp.body).toMatchObject({ message: ['limit must not be less than 1'] });

      const body = { name: 'A', age: 40, extra: true };
      const invalid = await call('post_api_v1_cats', { body });
      const invalidHttp = await http('/api/v1/cats', { method: 'POST', json: body });
      expect(errorOf(invalid)).toEqual({ isError: true, status: 400, body: invalidHttp.body });
      expect((invalidHttp.body as { message: string[] }).message).toEqual(
        expect.arrayContaining([
          'property extra should not exist',
          'name must be longer than or equal to 2 characters',
          'age must not be greater than 30',
        ]),
      );
    });

    it('gives the ParseIntPipe 400 and the exception filter 404 as HTTP does', async () => {
      const notNumeric = await call('get_api_v1_cats_by_id', { id: 'tom' });
      expect(errorOf(notNumeric)).toEqual({
        isError: true,
        status: 400,
        body: (await http('/api/v1/cats/tom')).body,
      });
      const missing = await call('get_api_v1_cats_by_id', { id: '99' });
      expect(errorOf(missing)).toEqual({
        isError: true,
        status: 404,
        body: { error: 'cat not found', id: 99 },
      });
      expect((await http('/api/v1/cats/99')).body).toEqual({ error: 'cat not found', id: 99 });
    });

    it('gives the guard 401 without a token and 403 without the role, with their bodies', async () => {
      const anonymous = await call('delete_api_v1_cats_by_id', { id: '1' });
      const anonymousHttp = await http('/api/v1/cats/1', { method: 'DELETE' });
      expect(errorOf(anonymous)).toEqual({ isError: true, status: 401, body: anonymousHttp.body });
      expect(anonymousHttp.body).toMatchObject({ message: 'a bearer token is required' });

      const asUser = new McpAdapter(app, { ...silent, headers: { authorization: 'Bearer user-token' } });
      const forbidden = await asUser.callTool('delete_api_v1_cats_by_id', { id: '1' });
      const forbiddenHttp = await http('/api/v1/cats/1', {
        method: 'DELETE',
        headers: { authorization: 'Bearer user-token' },
      });
      expect(errorOf(forbidden)).toEqual({ isError: true, status: 403, body: forbiddenHttp.body });
      expect(forbiddenHttp.body).toMatchObject({ message: 'admins only' });
    });

    it('creates through the pipes and deletes with the admin role', async () => {
      const created = await call('post_api_v1_cats', { body: { name: 'Felix', age: 2 } });
      expect(created.structuredContent).toMatchObject({ name: 'Felix', age: 2, servedBy: 'nest' });
      const id = String((created.structuredContent as { id: number }).id);
      const asAdmin = new McpAdapter(app, {
        ...silent,
        headers: { authorization: 'Bearer admin-token' },
      });
      const removed = await asAdmin.callTool('delete_api_v1_cats_by_id', { id });
      expect(removed.isError).toBeFalsy();
      expect(removed.content).toEqual([{ type: 'text', text: 'HTTP 204 No Content' }]);
      expect((await http(`/api/v1/cats/${id}`)).status).toBe(404);
    });

    it('reaches a route excluded from the global prefix, a RouterModule route and a host-bound controller', async () => {
      expect((await call('get_health')).structuredContent).toEqual((await http('/health')).body);
      expect((await call('get_api_admin_stats')).structuredContent).toEqual(
        (await http('/api/admin/stats')).body,
      );
      const hosted = await call('get_api_hosted');
      expect(hosted.structuredContent).toEqual({ host: 'admin.example.com' });
      expect((await http('/api/hosted', { headers: { host: 'admin.example.com' } })).body).toEqual({
        host: 'admin.example.com',
      });
      expect((await http('/api/hosted')).status).toBe(404);
    });
  },
);
