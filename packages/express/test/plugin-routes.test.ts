import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Cleanups, connectInMemory, textOf } from '@backend2mcp/test-support';
import express from 'express';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { instrumentExpress } from '../src/extract/index.js';
import { McpAdapter } from '../src/index.js';
import { createPluginApp, staticFolder } from './fixtures/plugin-app.js';
import { serve } from './fixtures/serve.js';

const express4 = createRequire(import.meta.url)('express4') as typeof express;
instrumentExpress(express);
instrumentExpress(express4);

const cleanups = new Cleanups();
afterEach(() => cleanups.run());
const dir = staticFolder();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MARKER = 'give the route an mcp() marker to expose it';

describe.each([
  ['express 5', express, '/{*splat}'],
  ['express 4', express4, '*'],
] as const)('%s adapter: routes plugins add are not tools', (_label, expressModule, wildcard) => {
  const wildcardTemplate = wildcard === '*' ? '/*splat' : '/{*splat}';

  it('lists CORS preflight, Swagger UI, static-file and HEAD routes as skipped with the reason', () => {
    const adapter = new McpAdapter(createPluginApp(expressModule, wildcard, dir));
    expect(adapter.tools.map((tool) => `${tool.route.method} ${tool.route.path}`)).toEqual([
      'OPTIONS /pets/:id',
      'GET /pets',
    ]);
    const skipped = Object.fromEntries(adapter.server.skipped.map((entry) => [entry.route, entry.reason]));
    expect(skipped).toEqual({
      [`OPTIONS ${wildcardTemplate}`]: `OPTIONS answers CORS preflight requests (e.g. app.options('*', cors())), not a model; ${MARKER}`,
      'GET /public/*':
        'middleware serves static files (express.static) here, as plugins do for documentation and static files; it is no route of the API, so no tool',
      'GET /api-docs':
        'middleware serves a Swagger UI page (swagger-ui-express) here, as plugins do for documentation and static files; it is no route of the API, so no tool',
      'GET /v2/guide': `it serves a Swagger UI page (e.g. swagger-ui-express), as the routes plugins add for documentation and static files do; ${MARKER}`,
      'GET /reference': `it serves a Swagger UI page (e.g. swagger-ui-express), as the routes plugins add for documentation and static files do; ${MARKER}`,
      'HEAD /pets': `HEAD only asks for the headers of a GET, which the GET tool already answers; ${MARKER}`,
      'GET /files/:name': `it serves static files (e.g. express.static), as the routes plugins add for documentation and static files do; ${MARKER}`,
    });
  });

  it('still serves those routes over HTTP, and the tools it keeps answer as over HTTP', async () => {
    const app = createPluginApp(expressModule, wildcard, dir);
    const server = await serve(app);
    cleanups.add(server.close);
    const preflight = await fetch(`${server.origin}/pets`, {
      method: 'OPTIONS',
      headers: { origin: 'http://example.test', 'access-control-request-method': 'DELETE' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(await (await fetch(`${server.origin}/public/logo.txt`)).text()).toBe('a logo');
    expect(await (await fetch(`${server.origin}/v2/guide`)).text()).toContain('swagger-ui');

    const client = await connectInMemory(new McpAdapter(app), cleanups);
    const pets = await client.callTool({ name: 'get_pets', arguments: {} });
    expect(pets.structuredContent).toEqual({ result: await (await fetch(`${server.origin}/pets`)).json() });
    const allow = await client.callTool({ name: 'options_pets_by_id', arguments: { id: '1' } });
    expect(allow.isError).toBeFalsy();
    expect(textOf(allow)).toBe(await (await fetch(`${server.origin}/pets/1`, { method: 'OPTIONS' })).text());
  });
});
