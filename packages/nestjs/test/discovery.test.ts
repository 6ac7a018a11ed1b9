import { describe, expect, it } from 'vitest';
import { McpAdapter } from '../src/index.js';
import { createCatsApp } from './fixtures/cats-app.js';

describe('smoke', () => {
  for (const platform of ['express', 'fastify'] as const) {
    it(platform, async () => {
      const { app } = await createCatsApp(platform);
      const warnings: string[] = [];
      const adapter = new McpAdapter(app, { onWarning: (m) => warnings.push(m) });
      const r = await adapter.callTool('get_api_v1_cats', {});
      console.log(
        platform,
        adapter.tools.map((t) => `${t.name} ${t.route.method} ${t.route.path}`),
        adapter.server.skipped,
        warnings,
        JSON.stringify(r),
      );
      await app.close();
    });
  }
});
