import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Cleanups, connectInMemory } from '@backend2mcp/test-support';
import type Koa from 'koa';
import { afterEach, describe, expect, it } from 'vitest';
import { McpAdapter } from '../src/index.js';
import { createFormApps } from './fixtures/form-apps.js';

const cleanups = new Cleanups();
afterEach(() => cleanups.run());

async function listen(app: Koa): Promise<string> {
  const server = createServer(app.callback());
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  cleanups.add(() => new Promise((resolve) => server.close(resolve)));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Posts fields the way a browser form does, as `form` or `multipart`. */
async function post(
  origin: string,
  path: string,
  encoding: 'form' | 'multipart',
  fields: Record<string, string>,
) {
  let body: URLSearchParams | FormData;
  if (encoding === 'form') body = new URLSearchParams(fields);
  else {
    body = new FormData();
    for (const [name, value] of Object.entries(fields)) body.append(name, value);
  }
  return (await fetch(`${origin}${path}`, { method: 'POST', body })).json();
}

/** The tools of an adapter once it has read the app (after its body parsers were probed). */
async function encodings(adapter: McpAdapter): Promise<Record<string, string | undefined>> {
  await adapter.server.prepare();
  return Object.fromEntries(adapter.tools.map((tool) => [tool.name, tool.binding.bodyEncoding]));
}

describe('koa adapter: bodies in the encoding the app parses', () => {
  it.each([
    ['koa-bodyparser 4, enableTypes form, on the app', 'legacy', 'post_signup', '/signup', 'form'],
    [
      '@koa/bodyparser 6, enableTypes form, on a router',
      'scoped',
      'post_forms_contact',
      '/forms/contact',
      'form',
    ],
    [
      'koa-body with multipart and no JSON, on the route',
      'multipart',
      'post_feedback',
      '/feedback',
      'multipart',
    ],
    [
      '@koa/multer .single() with the file left out, on the route',
      'multered',
      'post_profiles',
      '/profiles',
      'multipart',
    ],
  ] as const)(
    'detects %s and sends what a browser form would',
    async (_label, which, tool, path, encoding) => {
      const app = createFormApps()[which];
      const origin = await listen(app);
      const adapter = new McpAdapter(app);
      expect((await encodings(adapter))[tool]).toBe(encoding);
      const client = await connectInMemory(adapter, cleanups);
      const fields = { name: 'Ada', message: 'Hello from a form' };
      const result = await client.callTool({ name: tool, arguments: { body: fields } });
      const overHttp = await post(origin, path, encoding, fields);
      expect(overHttp).toEqual({
        received: fields,
        type: encoding === 'form' ? 'application/x-www-form-urlencoded' : 'multipart/form-data',
      });
      expect(result.isError).toBeFalsy();
      expect(result.structuredContent).toEqual(overHttp);
    },
  );

  it('keeps JSON where the parser reads it, even beside a form-only router', async () => {
    const adapter = new McpAdapter(createFormApps().scoped);
    expect(await encodings(adapter)).toEqual({ post_forms_contact: 'form', post_api_notes: undefined });
    const client = await connectInMemory(adapter, cleanups);
    const notes = await client.callTool({ name: 'post_api_notes', arguments: { body: { text: 'hi' } } });
    expect(notes.structuredContent).toEqual({ received: { text: 'hi' }, type: 'application/json' });
  });

  it('lets a route set its encoding with mcp({ bodyEncoding })', async () => {
    const adapter = new McpAdapter(createFormApps().overridden);
    expect(await encodings(adapter)).toEqual({ post_legacy_form: 'form' });
    const client = await connectInMemory(adapter, cleanups);
    const result = await client.callTool({ name: 'post_legacy_form', arguments: { body: { a: '1' } } });
    expect(result.structuredContent).toEqual({
      received: { a: '1' },
      type: 'application/x-www-form-urlencoded',
    });
  });
});
