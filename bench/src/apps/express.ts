/**
 * The bench app on Express 5. The floor dispatches through
 * `dispatchNodeListener`, a real `http.IncomingMessage`/`ServerResponse` pair on
 * an in-memory socket: what the adapter itself uses, so the floor is exactly the
 * app's share of a call and the difference is backend2mcp's own work.
 */
// The adapter first: importing it instruments Express so mount paths are exact.

import { descriptor, mcp } from '@backend2mcp/express';
import express from 'express';
import { createUser, getUser, NEW_USER_SCHEMA } from '../business.js';
import { loopbackHandle, nodeListenerFloor } from './node-floor.js';
import type { BenchApp, FrameworkBench } from './types.js';

function createApp(): express.Express {
  const app = express();
  app.use(express.json());
  app.get('/users/:id', mcp({ description: 'Fetch one user.' }), (req, res) => {
    const user = getUser(req.params.id);
    if (!user) res.status(404).json({ error: 'no such user' });
    else res.json(user);
  });
  app.post(
    '/users',
    mcp({ description: 'Create a user.', schemas: { body: NEW_USER_SCHEMA } }),
    (req, res) => {
      res.status(201).json(createUser(req.body));
    },
  );
  return app;
}

/** Express 5 with `express.json()`. */
export const expressBench: FrameworkBench = {
  descriptor,
  framework: descriptor.name,
  packageName: descriptor.frameworkPackage,
  async create(): Promise<BenchApp> {
    const app = createApp();
    return {
      framework: 'express',
      ...nodeListenerFloor('express', app),
      adapter: descriptor.create(app, { name: 'bench-express' }),
      listenHttp: () => loopbackHandle(app.listen(0, '127.0.0.1')),
    };
  },
  async createScaled(routes) {
    const app = express();
    for (let index = 0; index < routes; index++) {
      app.get(`/r${index}/items/:id`, (req, res) => {
        res.json({ route: index, id: req.params.id });
      });
    }
    return { createAdapter: async () => descriptor.create(app) };
  },
};
