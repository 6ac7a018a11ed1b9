/**
 * The bench app on NestJS 12 (Express platform). The floor is the same route
 * through Nest without MCP: `dispatchNodeListener` into the Express instance Nest
 * runs on (real req/res on an in-memory socket), which is also how the adapter
 * dispatches, so the difference is backend2mcp's own work. Parameters are
 * injected by decorator, not by type: the bench runs through tsx, which emits no
 * decorator metadata.
 */
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import type { NodeRequestListener } from '@backend2mcp/core/node';
import { descriptor, McpAdapter, McpTool } from '@backend2mcp/nestjs';
import {
  Body,
  Controller,
  Get,
  type INestApplication,
  Module,
  NotFoundException,
  Param,
  Post,
  type Type,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createUser, getUser, NEW_USER_SCHEMA, type NewUser } from '../business.js';
import { nodeListenerFloor } from './node-floor.js';
import type { BenchApp, FrameworkBench, HttpServerHandle } from './types.js';

@Controller('users')
class UsersController {
  @Get(':id')
  @McpTool({ description: 'Fetch one user.' })
  get(@Param('id') id: string) {
    const user = getUser(id);
    if (!user) throw new NotFoundException({ error: 'no such user' });
    return user;
  }

  @Post()
  @McpTool({ description: 'Create a user.', schemas: { body: NEW_USER_SCHEMA } })
  create(@Body() body: NewUser) {
    return createUser(body);
  }
}

@Module({ controllers: [UsersController] })
class UsersModule {}

async function createApp(module: Type<unknown>): Promise<INestApplication> {
  const app = await NestFactory.create(module, { logger: false, abortOnError: false });
  await app.init();
  return app;
}

async function listenHttp(app: INestApplication): Promise<HttpServerHandle> {
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: async () => {
      app.getHttpServer().closeAllConnections();
      await app.close();
    },
  };
}

/** NestJS 12 on @nestjs/platform-express. */
export const nestjsBench: FrameworkBench = {
  descriptor,
  framework: descriptor.name,
  packageName: '@nestjs/core',
  async create(): Promise<BenchApp> {
    const app = await createApp(UsersModule);
    const listener = app.getHttpAdapter().getInstance() as NodeRequestListener;
    return {
      framework: 'nestjs',
      ...nodeListenerFloor('nestjs', listener),
      adapter: new McpAdapter(app, { name: 'bench-nestjs', schemas: 'none' }),
      listenHttp: () => listenHttp(app),
    };
  },
  async createScaled(routes) {
    const controllers = Array.from({ length: routes }, (_, index) => {
      @Controller(`r${index}/items`)
      class ItemsController {
        @Get(':id')
        item(@Param('id') id: string) {
          return { route: index, id };
        }
      }
      return ItemsController;
    });
    @Module({ controllers })
    class ScaledModule {}
    const app = await createApp(ScaledModule);
    return { createAdapter: async () => new McpAdapter(app, { schemas: 'none' }) };
  },
};
