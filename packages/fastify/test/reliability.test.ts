import { describeReliability } from '@backend2mcp/test-support';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { McpAdapter, mcpContext } from '../src/index.js';
import { injectDispatch } from '../src/inject-dispatch.js';
import { fastifyReliability } from './fixtures/reliability-app.js';

describeReliability('fastify', fastifyReliability);

describe('fastify inject dispatch', () => {
  it('refuses a URL with an encoded dot segment, which inject() would resolve to another route', async () => {
    const hits: string[] = [];
    const app = Fastify();
    app.get('/files/:name/raw', async (request) => {
      hits.push('files');
      return (request.params as { name: string }).name;
    });
    app.get('/admin', async () => {
      hits.push('admin');
      return 'secret';
    });
    const dispatch = injectDispatch(app);
    for (const url of ['/files/%2E%2E/raw/../../admin', '/files/%2e%2e/raw/%2E%2E/%2E%2E/admin']) {
      await expect(dispatch({ method: 'GET', url, headers: {} }, {})).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      });
    }
    const fine = await dispatch({ method: 'GET', url: '/files/..%2Fx/raw', headers: {} }, {});
    expect(new TextDecoder().decode(fine.body)).toBe('../x');
    expect(hits).toEqual(['files']);
    await app.close();
  });

  it('boots an app that has not started, so routes its plugins register are reached (as inject() does)', async () => {
    const app = Fastify();
    app.register(async (plugin) => {
      plugin.get('/late', async () => ({ late: true }));
    });
    const dispatch = injectDispatch(app);
    const [first, second] = await Promise.all([
      dispatch({ method: 'GET', url: '/late', headers: {} }, {}),
      dispatch({ method: 'GET', url: '/late', headers: {} }, {}),
    ]);
    expect([first.status, new TextDecoder().decode(first.body)]).toEqual([200, '{"late":true}']);
    expect(second.status).toBe(200);
    await app.close();
  });

  it('hands the call to the route beside its request: request.mcp, mcpContext(request) and mcpContext(request.raw)', async () => {
    const app = Fastify();
    const seen: unknown[] = [];
    app.get('/who', async (request) => {
      seen.push(request.mcp?.toolName, mcpContext(request)?.toolName, mcpContext(request.raw)?.arguments);
      return {};
    });
    const adapter = new McpAdapter(app);
    const result = await adapter.callTool('get_who', {});
    expect(result.isError).toBeFalsy();
    expect(seen).toEqual(['get_who', 'get_who', {}]);
    // An ordinary HTTP request carries no call.
    seen.length = 0;
    await app.inject({ method: 'GET', url: '/who' });
    expect(seen).toEqual([undefined, undefined, undefined]);
    await app.close();
  });

  it('returns a bodiless HEAD and a 204 with their headers', async () => {
    const app = Fastify();
    app.get('/thing', async (_request, reply) => reply.header('x-kind', 'thing').send({ a: 1 }));
    app.delete('/thing', async (_request, reply) => reply.code(204).send());
    const dispatch = injectDispatch(app);
    const head = await dispatch({ method: 'HEAD', url: '/thing', headers: {} }, {});
    expect([head.status, head.headers['x-kind'], head.body.byteLength]).toEqual([200, 'thing', 0]);
    const deleted = await dispatch({ method: 'DELETE', url: '/thing', headers: {} }, {});
    expect([deleted.status, deleted.body.byteLength]).toEqual([204, 0]);
    await app.close();
  });
});
