import { describeAdapterApi, describeExtraction } from '@backend2mcp/test-support';
import Router from '@koa/router';
import Koa from 'koa';
import * as pkg from '../src/index.js';

const { McpAdapter, mcp } = pkg;

describeAdapterApi('koa', {
  module: pkg,
  createPingApp() {
    const router = new Router().get('/ping', (ctx) => {
      ctx.body = { pong: true };
    });
    return new Koa().use(router.routes());
  },
});

describeExtraction('koa', {
  create() {
    const ok = (ctx: Koa.Context) => {
      ctx.body = {};
    };
    const router = new Router();
    router.get('/items/:id', ok);
    router.post('/items', ok);
    const posts = new Router().get('/posts/:postId', ok);
    const users = new Router().use('/users/:userId', posts.routes());
    router.use('/v1', users.routes());
    router.all('/any', ok);
    router.get('/renamed', mcp({ name: 'custom_name' }), ok);
    router.get('/secret', mcp({ hidden: true }), ok);
    const app = new Koa().use(router.routes());
    return { adapter: new McpAdapter(app, { onWarning: () => {} }).mount('/mcp') };
  },
});
