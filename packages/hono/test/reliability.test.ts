import { describeReliability } from '@backend2mcp/test-support';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { fetchDispatch } from '../src/dispatch.js';
import { honoReliability } from './fixtures/reliability-app.js';

describeReliability('hono', honoReliability);

describe('hono dispatch', () => {
  it('refuses a URL with an encoded dot segment, which new Request() would resolve to another route', async () => {
    const hits: string[] = [];
    const app = new Hono();
    app.get('/files/:name/raw', (c) => {
      hits.push('files');
      return c.text(c.req.param('name'));
    });
    app.get('/admin', (c) => {
      hits.push('admin');
      return c.text('secret');
    });
    const dispatch = fetchDispatch(
      app,
      () => undefined,
      () => undefined,
    );
    for (const url of ['/files/%2E%2E/raw/../../admin', '/files/%2e%2e/raw/%2E%2E/%2E%2E/admin']) {
      await expect(dispatch({ method: 'GET', url, headers: {} }, {})).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      });
    }
    const fine = await dispatch({ method: 'GET', url: '/files/..%2Fx/raw', headers: {} }, {});
    expect(new TextDecoder().decode(fine.body)).toBe('../x');
    expect(hits).toEqual(['files']);
  });
});
