import { describeAdapterApi, describeExtraction } from '@backend2mcp/test-support';
import express from 'express';
import * as pkg from '../src/index.js';

const { McpAdapter, mcp } = pkg;

describeAdapterApi('express', {
  module: pkg,
  createPingApp: () => express().get('/ping', (_req, res) => res.json({ pong: true })),
});

describeExtraction('express', {
  create() {
    const app = express();
    app.get('/items/:id', (req, res) => res.json({ id: req.params.id }));
    app.post('/items', (_req, res) => res.status(201).json({}));
    const posts = express.Router().get('/posts/:postId', (req, res) => res.json(req.params));
    const users = express.Router().use('/users/:userId', posts);
    app.use('/v1', users);
    app.all('/any', (_req, res) => res.json({}));
    app.get('/renamed', mcp({ name: 'custom_name' }), (_req, res) => res.json({}));
    app.get('/secret', mcp({ hidden: true }), (_req, res) => res.json({}));
    return { adapter: new McpAdapter(app, { onWarning: () => {} }).mount('/mcp') };
  },
});
