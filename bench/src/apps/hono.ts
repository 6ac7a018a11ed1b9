/**
 * The bench app on Hono 4. The floor is `app.fetch(Request)`, Hono's own
 * web-standard entry, with the response body read whole (as the adapter does).
 */

import type { AddressInfo } from 'node:net';
import { descriptor, mcp } from '@backend2mcp/hono';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createUser, getUser, NEW_USER, NEW_USER_SCHEMA, type NewUser, USER_ID } from '../business.js';
import { type BenchApp, expectStatus, type FrameworkBench } from './types.js';

const POST_BODY = JSON.stringify(NEW_USER);

function createApp(): Hono {
  const app = new Hono();
  app.get('/users/:id', mcp({ description: 'Fetch one user.' }), (c) => {
    const user = getUser(c.req.param('id'));
    return user ? c.json(user) : c.json({ error: 'no such user' }, 404);
  });
  app.post('/users', mcp({ description: 'Create a user.', schemas: { body: NEW_USER_SCHEMA } }), async (c) =>
    c.json(createUser(await c.req.json<NewUser>()), 201),
  );
  return app;
}

/** Hono 4, served on Node by @hono/node-server for the HTTP rows. */
export const honoBench: FrameworkBench = {
  descriptor,
  framework: descriptor.name,
  packageName: descriptor.frameworkPackage,
  async create(): Promise<BenchApp> {
    const app = createApp();
    return {
      framework: 'hono',
      async floorGet() {
        const response = await app.fetch(new Request(`http://localhost/users/${USER_ID}`));
        await response.arrayBuffer();
        expectStatus('hono', 'GET', response.status, 200);
      },
      async floorPost() {
        const response = await app.fetch(
          new Request('http://localhost/users', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: POST_BODY,
          }),
        );
        await response.arrayBuffer();
        expectStatus('hono', 'POST', response.status, 201);
      },
      adapter: descriptor.create(app, { name: 'bench-hono' }),
      listenHttp() {
        return new Promise((resolve) => {
          const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
            resolve({
              baseUrl: `http://127.0.0.1:${info.port}`,
              close: () => new Promise<void>((done) => server.close(() => done())),
            });
          });
        });
      },
    };
  },
  async createScaled(routes) {
    const app = new Hono();
    for (let index = 0; index < routes; index++) {
      app.get(`/r${index}/items/:id`, (c) => c.json({ route: index, id: c.req.param('id') }));
    }
    return { createAdapter: async () => descriptor.create(app) };
  },
};
