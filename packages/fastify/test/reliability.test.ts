import { describeReliability } from '@backend2mcp/test-support';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
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
