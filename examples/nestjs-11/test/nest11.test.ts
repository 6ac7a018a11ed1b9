import { createRequire } from 'node:module';
import { NestFactory } from '@nestjs/core';
import { describe, expect, it } from 'vitest';
import { createCatsApp } from '../../../packages/nestjs/test/fixtures/cats-app.js';

// The same specs as packages/nestjs, on Nest 11: discovery, dispatch compared with
// HTTP, schemas, McpModule and @McpContext, and the shared reliability, surface and auth suites.
import '../../../packages/nestjs/test/discovery.test.js';
import '../../../packages/nestjs/test/dispatch.test.js';
import '../../../packages/nestjs/test/schemas.test.js';
import '../../../packages/nestjs/test/module.test.js';
import '../../../packages/nestjs/test/reliability.test.js';
import '../../../packages/nestjs/test/surface.test.js';
import '../../../packages/nestjs/test/auth.test.js';

describe('the Nest 11 run', () => {
  it('runs on Nest 11: the apps the fixtures create come from @nestjs/core 11', async () => {
    const version = (createRequire(import.meta.url)('@nestjs/core/package.json') as { version: string })
      .version;
    expect(version).toMatch(/^11\./);
    expect(createRequire(import.meta.url).resolve('@nestjs/core')).toContain('@nestjs+core@11');
    // The app the shared fixture builds is a Nest 11 one: its config lacks what Nest 12 added.
    const { app } = await createCatsApp('express');
    const config = (app as unknown as { config: Record<string, unknown> }).config;
    expect(typeof config.getGlobalPrefix).toBe('function');
    expect(config.getRouteConflictPolicy).toBeUndefined();
    expect(typeof NestFactory.create).toBe('function');
    await app.close();
  });
});
