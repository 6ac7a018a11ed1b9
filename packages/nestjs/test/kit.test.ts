import 'reflect-metadata';
import { describeAdapterApi, describeExtraction } from '@backend2mcp/test-support';
import { Controller, Get, type INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as pkg from '../src/index.js';
import type { Platform } from './fixtures/cats-app.js';
import { createExtractionApp, nestExtractionFixture } from './fixtures/extraction-app.js';

@Controller()
class PingController {
  @Get('ping')
  ping() {
    return { pong: true };
  }
}

@Module({ controllers: [PingController] })
class PingModule {}

const PLATFORMS: readonly Platform[] = ['express', 'fastify'];
/** The suite asks for each ping app synchronously; NestFactory.create() is not: they are created beforehand. */
const PING_APPS_PER_PLATFORM = 2;
const pingApps = new Map<Platform, INestApplication[]>();
const created: INestApplication[] = [];

beforeAll(async () => {
  for (const platform of PLATFORMS) {
    const apps: INestApplication[] = [];
    for (let n = 0; n < PING_APPS_PER_PLATFORM; n++) {
      const app = await NestFactory.create(
        PingModule,
        platform === 'express' ? new ExpressAdapter() : new FastifyAdapter(),
        { logger: false, abortOnError: false },
      );
      apps.push(app);
      created.push(app);
    }
    pingApps.set(platform, apps);
  }
});

afterAll(async () => {
  for (const app of created) await app.close();
});

for (const platform of PLATFORMS) {
  describeAdapterApi(`nest (${platform} platform)`, {
    module: pkg,
    createPingApp: () => {
      const app = pingApps.get(platform)?.shift();
      if (!app) throw new Error(`no ${platform} ping app left: raise PING_APPS_PER_PLATFORM`);
      return app;
    },
  });
  describeExtraction(`nest (${platform} platform)`, nestExtractionFixture(platform));
}

describe('extractRoutes', () => {
  it.each(PLATFORMS)(
    'reads the routes of a created app without an adapter (%s platform)',
    async (platform) => {
      const app = await createExtractionApp(platform);
      created.push(app);
      const { routes } = pkg.extractRoutes(app);
      const listed = routes
        .filter((route) => !route.meta?.hidden)
        .map((route) => `${route.method} ${route.path}${route.meta?.name ? ` ${route.meta.name}` : ''}`);
      expect(listed.sort()).toEqual(
        [
          'GET /items/:id',
          'POST /items',
          'GET /v1/users/:userId/posts/:postId',
          ...['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].map((method) => `${method} /any`),
          'GET /renamed custom_name',
        ].sort(),
      );
      // The hidden route and the endpoint are read, marked hidden, as the adapter reads them.
      expect(
        routes.filter((route) => route.meta?.hidden).map((route) => `${route.method} ${route.path}`),
      ).toContain('GET /secret');
    },
  );

  it('refuses what is not a Nest app', () => {
    expect(() => pkg.extractRoutes({} as never)).toThrow(/not a NestJS 11 or 12 HTTP application/);
  });
});
