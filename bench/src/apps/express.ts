/**
 * The bench app on Express 5. The floor dispatches through
 * `dispatchNodeListener`, a real `http.IncomingMessage`/`ServerResponse` pair on
 * an in-memory socket: what the adapter itself uses, so the floor is exactly the
 * app's share of a call and the difference is backend2mcp's own work.
 */
// The adapter first: importing it instruments Express so mount paths are exact.

import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { dispatchNodeListener } from '@backend2mcp/core/node';
import { descriptor, mcp } from '@backend2mcp/express';
import express from 'express';
import { createUser, getUser, NEW_USER, NEW_USER_SCHEMA, USER_ID } from '../business.js';
import { type BenchApp, expectStatus, type FrameworkBench, type HttpServerHandle } from './types.js';

const POST_BODY = new TextEncoder().encode(JSON.stringify(NEW_USER));
const JSON_HEADERS = { 'content-type': 'application/json' };

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

async function listenHttp(app: express.Express): Promise<HttpServerHandle> {
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

/** Express 5 with `express.json()`. */
export const expressBench: FrameworkBench = {
  descriptor,
  framework: descriptor.name,
  packageName: descriptor.frameworkPackage,
  async create(): Promise<BenchApp> {
    const app = createApp();
    return {
      framework: 'express',
      async floorGet() {
        const response = await dispatchNodeListener(app, {
          method: 'GET',
          url: `/users/${USER_ID}`,
          headers: {},
        });
        expectStatus('express', 'GET', response.status, 200);
      },
      async floorPost() {
        const response = await dispatchNodeListener(app, {
          method: 'POST',
          url: '/users',
          headers: JSON_HEADERS,
          body: POST_BODY,
        });
        expectStatus('express', 'POST', response.status, 201);
      },
      adapter: descriptor.create(app, { name: 'bench-express' }),
      listenHttp: () => listenHttp(app),
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
