import { describeAdapterApi, describeExtraction } from '@backend2mcp/test-support';
import { Hono } from 'hono';
import * as pkg from '../src/index.js';

const { McpAdapter, mcp } = pkg;

describeAdapterApi('hono', {
  module: pkg,
  createPingApp: () => new Hono().get('/ping', (c) => c.json({ pong: true })),
});

describeExtraction('hono', {
  create() {
    const app = new Hono();
    app.get('/items/:id', (c) => c.json({ id: c.req.param('id') }));
    app.post('/items', (c) => c.json({}, 201));
    const posts = new Hono().get('/posts/:postId', (c) => c.json({}));
    const users = new Hono().route('/users/:userId', posts);
    app.route('/v1', users);
    app.all('/any', (c) => c.json({}));
    app.get('/renamed', mcp({ name: 'custom_name' }), (c) => c.json({}));
    app.get('/secret', mcp({ hidden: true }), (c) => c.json({}));
    return { adapter: new McpAdapter(app, { onWarning: () => {} }).mount('/mcp') };
  },
});
