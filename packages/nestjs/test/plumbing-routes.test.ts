import 'reflect-metadata';
import { Controller, Get, Head, Module, Options } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { McpAdapter, McpTool } from '../src/index.js';

@Controller()
class ItemsController {
  @Get('items')
  list() {
    return [{ id: 1 }];
  }

  // What a hand-rolled CORS preflight and a header probe look like in a Nest controller.
  @Options('items')
  preflight() {
    return '';
  }

  // (Fastify answers HEAD for every GET route itself, so a Nest app there declares HEAD on other paths.)
  @Head('status')
  headers() {}

  @Get('probe')
  probe() {
    return { up: true };
  }

  @Head('ping')
  @McpTool({ description: 'Check the probe without a body.' })
  probeHead() {}
}

@Module({ controllers: [ItemsController] })
class ItemsModule {}

const apps: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

describe.each(['express', 'fastify'] as const)(
  'nest %s platform: @Options() and @Head() handlers',
  (platform) => {
    it('are not tools by default, listed as skipped with the reason every adapter gives; @McpTool() exposes one', async () => {
      const app = await NestFactory.create(
        ItemsModule,
        platform === 'express' ? new ExpressAdapter() : new FastifyAdapter(),
        { logger: false, abortOnError: false },
      );
      apps.push(app);
      const adapter = new McpAdapter(app, { onWarning: () => {} });
      await adapter.refresh();
      expect(adapter.tools.map((tool) => `${tool.route.method} ${tool.route.path}`).sort()).toEqual([
        'GET /items',
        'GET /probe',
        'HEAD /ping',
      ]);
      expect(adapter.server.skipped).toEqual([
        {
          route: 'ItemsController.preflight /items',
          reason: expect.stringMatching(
            /^OPTIONS answers CORS preflight requests, not a model; give the route @McpTool\(\)/,
          ),
        },
        {
          route: 'ItemsController.headers /status',
          reason: expect.stringMatching(
            /^HEAD only asks for the headers of a GET.*@McpTool\(\) to expose it$/,
          ),
        },
      ]);
    });
  },
);
