import { describeAdapterApi, describeExtraction } from '@backend2mcp/test-support';
import Fastify from 'fastify';
import * as pkg from '../src/index.js';

const { McpAdapter } = pkg;

describeAdapterApi('fastify', {
  module: pkg,
  createPingApp: () => Fastify().get('/ping', async () => ({ pong: true })),
});

describeExtraction('fastify', {
  create() {
    const app = Fastify();
    const ok = async () => ({});
    app.get('/items/:id', ok);
    app.post('/items', ok);
    app.register(
      async (v1) => {
        v1.register(
          async (users) => {
            users.get('/posts/:postId', ok);
          },
          { prefix: '/users/:userId' },
        );
      },
      { prefix: '/v1' },
    );
    app.all('/any', ok);
    app.get('/renamed', { config: { mcp: { name: 'custom_name' } } }, ok);
    app.get('/secret', { config: { mcp: { hidden: true } } }, ok);
    return { adapter: new McpAdapter(app, { onWarning: () => {} }).mount('/mcp') };
  },
});
