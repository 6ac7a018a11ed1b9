import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Cleanups, connectInMemory, textOf } from '@backend2mcp/test-support';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { McpAdapter } from '../src/index.js';
import { createPluginApp } from './fixtures/plugin-app.js';

const cleanups = new Cleanups();
afterEach(() => cleanups.run());
const dir = mkdtempSync(join(tmpdir(), 'backend2mcp-koa-static-'));
writeFileSync(join(dir, 'logo.txt'), 'a logo');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MARKER = 'give the route an mcp() marker to expose it';

describe('koa adapter: routes plugins add are not tools', () => {
  it('lists CORS preflight, Swagger UI, static-file and HEAD routes as skipped with the reason', () => {
    const adapter = new McpAdapter(createPluginApp(dir));
    expect(adapter.tools.map((tool) => `${tool.route.method} ${tool.route.path}`)).toEqual([
      'OPTIONS /pets/:id',
      'GET /pets',
    ]);
    expect(Object.fromEntries(adapter.server.skipped.map((entry) => [entry.route, entry.reason]))).toEqual({
      'GET /*':
        'middleware serves static files (koa-static) here, as plugins do for documentation and static files; it is no route of the API, so no tool',
      'GET /docs': `it serves a Swagger UI page (e.g. koa2-swagger-ui), as the routes plugins add for documentation and static files do; ${MARKER}`,
      'OPTIONS /{*path}': `OPTIONS answers CORS preflight requests (e.g. router.options(path, cors()) with @koa/cors), not a model; ${MARKER}`,
      'HEAD /count': `HEAD only asks for the headers of a GET, which the GET tool already answers; ${MARKER}`,
    });
  });

  it('still serves those routes over HTTP, and the tools it keeps answer as over HTTP', async () => {
    const app = createPluginApp(dir);
    const server = createServer(app.callback());
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    cleanups.add(() => new Promise((resolve) => server.close(resolve)));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    expect(await (await fetch(`${origin}/logo.txt`)).text()).toBe('a logo');
    expect(await (await fetch(`${origin}/docs`)).text()).toContain('swagger-ui');

    const client = await connectInMemory(new McpAdapter(app), cleanups);
    const pets = await client.callTool({ name: 'get_pets', arguments: {} });
    expect(pets.structuredContent).toEqual({ result: await (await fetch(`${origin}/pets`)).json() });
    const allow = await client.callTool({ name: 'options_pets_by_id', arguments: { id: '1' } });
    expect(allow.isError).toBeFalsy();
    expect(textOf(allow)).toBe(await (await fetch(`${origin}/pets/1`, { method: 'OPTIONS' })).text());
  });
});
