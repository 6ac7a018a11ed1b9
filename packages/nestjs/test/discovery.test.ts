import { Cleanups } from '@backend2mcp/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { McpAdapter } from '../src/index.js';
import { createCatsApp, type Platform } from './fixtures/cats-app.js';
import { listenOnLoopback } from './fixtures/http.js';
import { createVersionedApp } from './fixtures/versioned-app.js';

const silent = { onWarning: () => {} };

describe.each<Platform>(['express', 'fastify'])('nest %s platform: route discovery', (platform) => {
  const cleanups = new Cleanups();
  let adapter: McpAdapter;
  let http: Awaited<ReturnType<typeof listenOnLoopback>>;
  const warnings: string[] = [];

  beforeAll(async () => {
    const { app } = await createCatsApp(platform);
    adapter = new McpAdapter(app, { onWarning: (message) => warnings.push(message) });
    await adapter.refresh(); // initialises the app and reads its routes
    http = await listenOnLoopback(app);
    cleanups.add(() => app.close());
  });
  afterAll(() => cleanups.run());

  it('lists every route at the path Nest serves it: global prefix and its exclusion, URI versions, RouterModule', () => {
    expect(adapter.tools.map((tool) => `${tool.route.method} ${tool.route.path}`).sort()).toEqual([
      'DELETE /api/v1/cats/:id',
      'GET /api/admin/stats',
      'GET /api/echo-headers',
      'GET /api/hosted',
      'GET /api/v1/cats',
      'GET /api/v1/cats/:id',
      'GET /api/v2/cats',
      'GET /health',
      'POST /api/v1/cats',
    ]);
  });

  it('finds every listed path served over HTTP (not one is a 404 of the router)', async () => {
    for (const tool of adapter.tools) {
      const path = tool.route.path.replace(':id', '1');
      const headers: Record<string, string> =
        tool.route.path === '/api/hosted' ? { host: 'admin.example.com' } : {};
      const answer = await http(path, { method: tool.route.method, headers });
      expect(answer.body, `${tool.route.method} ${path}`).not.toMatchObject({
        message: `Cannot ${tool.route.method} ${path}`,
      });
    }
  });

  it('skips @Sse(), @Render() and @Redirect() handlers with a reason, and hides @McpExclude() ones', () => {
    expect(adapter.server.skipped).toEqual([
      { route: 'MiscController.events /api/events', reason: expect.stringContaining('@Sse()') },
      { route: 'MiscController.page /api/page', reason: expect.stringContaining('@Render()') },
      { route: 'MiscController.docs /api/docs-link', reason: expect.stringContaining('@Redirect()') },
    ]);
    for (const route of ['events', 'page', 'docs-link']) {
      expect(
        warnings.some(
          (warning) => warning.includes(`skipped MiscController.`) && warning.includes(`/api/${route}:`),
        ),
      ).toBe(true);
    }
    expect(adapter.tools.some((tool) => tool.route.path.includes('internal'))).toBe(false);
  });

  it('takes the description of @McpTool()', () => {
    const create = adapter.tools.find((tool) => tool.name === 'post_api_v1_cats');
    expect(create?.description).toBe('Adopt a new cat.');
  });
});

describe.each<Platform>(['express', 'fastify'])(
  'nest %s platform: header and media-type versioning',
  (platform) => {
    const cleanups = new Cleanups();
    afterAll(() => cleanups.run());

    for (const by of ['header', 'media-type'] as const) {
      it(`makes one tool per ${by} version, each reaching its own handler`, async () => {
        const app = await createVersionedApp(platform, by);
        cleanups.add(() => app.close());
        const adapter = new McpAdapter(app, silent);
        await adapter.refresh();
        expect(adapter.tools.map((tool) => tool.name).sort()).toEqual([
          'get_dogs_any',
          'get_dogs_both_v3',
          'get_dogs_both_v4',
          'get_dogs_v1',
          'get_dogs_v2',
        ]);
        const answers = await Promise.all(
          ['get_dogs_v1', 'get_dogs_v2', 'get_dogs_any', 'get_dogs_both_v4'].map(
            async (name) => (await adapter.callTool(name, {})).structuredContent,
          ),
        );
        expect(answers).toEqual([
          { version: 1 },
          { version: 2 },
          { version: 'neutral' },
          { version: '3 or 4' },
        ]);
      });
    }

    it('keeps each tool on its own version whatever version header the request would otherwise carry', async () => {
      const app = await createVersionedApp(platform, 'header');
      cleanups.add(() => app.close());
      const adapter = new McpAdapter(app, { ...silent, headers: { 'x-api-version': '1' } });
      expect((await adapter.callTool('get_dogs_v2', {})).structuredContent).toEqual({ version: 2 });
    });
  },
);
