/**
 * The bench app on Koa 3 with @koa/router and @koa/bodyparser. The floor runs
 * `app.callback()` through `dispatchNodeListener` (real req/res on an in-memory
 * socket), which is also how the adapter dispatches.
 */

import { descriptor, mcp } from '@backend2mcp/koa';
import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import Koa from 'koa';
import { createUser, getUser, NEW_USER_SCHEMA, type NewUser } from '../business.js';
import { loopbackHandle, nodeListenerFloor } from './node-floor.js';
import type { BenchApp, FrameworkBench } from './types.js';

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
      ...nodeListenerFloor('koa', listener),
      adapter: descriptor.create(app, { name: 'bench-koa' }),
      listenHttp: () => loopbackHandle(app.listen(0, '127.0.0.1')),
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
