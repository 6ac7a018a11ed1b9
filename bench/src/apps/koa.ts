/**
 * The bench app on Koa 3 with @koa/router and @koa/bodyparser. The floor runs
 * `app.callback()` through `dispatchNodeListener` (real req/res on an in-memory
 * socket), which is also how the adapter dispatches.
 */

import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { dispatchNodeListener } from '@backend2mcp/core/node';
import { descriptor, mcp } from '@backend2mcp/koa';
import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import Koa from 'koa';
import { createUser, getUser, NEW_USER, NEW_USER_SCHEMA, type NewUser, USER_ID } from '../business.js';
import { type BenchApp, expectStatus, type FrameworkBench, type HttpServerHandle } from './types.js';

const POST_BODY = new TextEncoder().encode(JSON.stringify(NEW_USER));

function createApp(): Koa {
  const app = new Koa();
  const router = new Router();
  router.get('/users/:id', mcp({ description: 'Fetch one user.' }), (ctx) => {
    const user = getUser(ctx.params.id!);
    if (!user) {
      ctx.status = 404;
      ctx.body = { error: 'no such user' };
    } else ctx.body = user;
  });
  router.post('/users', mcp({ description: 'Create a user.', schemas: { body: NEW_USER_SCHEMA } }), (ctx) => {
    ctx.status = 201;
    ctx.body = createUser(ctx.request.body as NewUser);
  });
  app.use(bodyParser()).use(router.routes()).use(router.allowedMethods());
  return app;
}

async function listenHttp(app: Koa): Promise<HttpServerHandle> {
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Koa 3 + @koa/router. */
export const koaBench: FrameworkBench = {
  descriptor,
  framework: descriptor.name,
  packageName: descriptor.frameworkPackage,
  async create(): Promise<BenchApp> {
    const app = createApp();
    // Built once, as a server would: callback() composes the middleware.
    const listener = app.callback();
    return {
      framework: 'koa',
      async floorGet() {
        const response = await dispatchNodeListener(listener, {
          method: 'GET',
          url: `/users/${USER_ID}`,
          headers: {},
        });
        expectStatus('koa', 'GET', response.status, 200);
      },
      async floorPost() {
        const response = await dispatchNodeListener(listener, {
          method: 'POST',
          url: '/users',
          headers: { 'content-type': 'application/json' },
          body: POST_BODY,
        });
        expectStatus('koa', 'POST', response.status, 201);
      },
      adapter: descriptor.create(app, { name: 'bench-koa' }),
      listenHttp: () => listenHttp(app),
    };
  },
  async createScaled(routes) {
    const app = new Koa();
    const router = new Router();
    for (let index = 0; index < routes; index++) {
      router.get(`/r${index}/items/:id`, (ctx) => {
        ctx.body = { route: index, id: ctx.params.id };
      });
    }
    app.use(router.routes());
    return { createAdapter: async () => descriptor.create(app) };
  },
};
