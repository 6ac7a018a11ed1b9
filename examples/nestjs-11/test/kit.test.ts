// The kit's extraction, adapter-API and route-boundary suites of packages/nestjs, on Nest 11
// (the config resolves every Nest package from here).
import { describe, expect, it } from 'vitest';
import { createExtractionApp } from '../../../packages/nestjs/test/fixtures/extraction-app.js';
import '../../../packages/nestjs/test/kit.test.js';
import '../../../packages/nestjs/test/boundary.test.js';

describe('the Nest 11 kit run', () => {
  it('builds its apps with Nest 11: their config lacks what Nest 12 added', async () => {
    const app = await createExtractionApp('fastify');
    const config = (app as unknown as { config: Record<string, unknown> }).config;
    expect(typeof config.getGlobalPrefix).toBe('function');
    expect(config.getRouteConflictPolicy).toBeUndefined();
    await app.close();
  });
});
