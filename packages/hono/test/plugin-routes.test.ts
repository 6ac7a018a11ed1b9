import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Cleanups, connectInMemory, textOf } from '@backend2mcp/test-support';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { McpAdapter } from '../src/index.js';
import { createPluginApp } from './fixtures/plugin-app.js';

const cleanups = new Cleanups();
afterEach(() => cleanups.run());
const dir = mkdtempSync(join(tmpdir(), 'backend2mcp-hono-static-'));
writeFileSync(join(dir, 'logo.txt'), 'a logo');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const root = relative(process.cwd(), dir);

const MARKER = 'give the route an mcp() marker to expose it';
const PLUMBING = 'as the routes plugins add for documentation and static files do';

describe('hono adapter: routes plugins add are not tools', () => {
  it('lists CORS preflight, static-file, Swagger UI, OpenAPI-document and HEAD routes as skipped with the reason', async () => {
    const adapter = new McpAdapter(createPluginApp(root));
    await adapter.server.prepare();
    expect(adapter.tools.map((tool) => `${tool.route.method} ${tool.route.path}`)).toEqual([
      'OPTIONS /pets/:id',
      'GET /api/pets',
    ]);
    expect(Object.fromEntries(adapter.server.skipped.map((entry) => [entry.route, entry.reason]))).toEqual({
      'GET /static/*': `it serves static files (e.g. serveStatic), ${PLUMBING}; ${MARKER}`,
      'GET /ui': `it serves a Swagger UI page (e.g. @hono/swagger-ui), ${PLUMBING}; ${MARKER}`,
      'GET /doc': `it serves the app's OpenAPI document (e.g. app.doc() or openAPIRouteHandler()), ${PLUMBING}; ${MARKER}`,
      'OPTIONS /*': `OPTIONS answers CORS preflight requests, not a model; ${MARKER}`,
      'HEAD /api/count': `HEAD only asks for the headers of a GET, which the GET tool already answers; ${MARKER}`,
    });
  });

  it('still serves those routes, and the tools it keeps answer as app.fetch() does', async () => {
    const app = createPluginApp(root);
    expect(await (await app.request('/static/logo.txt')).text()).toBe('a logo');
    expect(await (await app.request('/ui')).text()).toContain('SwaggerUI');
    expect(((await (await app.request('/doc')).json()) as { info: unknown }).info).toEqual({
      title: 'Pets',
      version: '1.0.0',
    });
    const client = await connectInMemory(new McpAdapter(app), cleanups);
    const pets = await client.callTool({ name: 'get_api_pets', arguments: {} });
    expect(pets.structuredContent).toEqual({ result: await (await app.request('/api/pets')).json() });
    const allow = await client.callTool({ name: 'options_pets_by_id', arguments: { id: '1' } });
    expect(allow.isError).toBeFalsy();
    expect(textOf(allow)).toBe(await (await app.request('/pets/1', { method: 'OPTIONS' })).text());
  });
});
