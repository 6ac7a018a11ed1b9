/**
 * The bench app on Fastify 5, with the params and body JSON Schemas Fastify
 * validates. The floor is `app.inject()`: Fastify's own in-process dispatch, the
 * one the adapter uses too.
 */
// The adapter first: importing it starts collecting routes of every Fastify instance created after.
import { descriptor } from '@backend2mcp/fastify';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  createUser,
  getUser,
  NEW_USER,
  NEW_USER_SCHEMA,
  type NewUser,
  USER_ID,
  USER_PARAMS_SCHEMA,
} from '../business.js';
import { type BenchApp, expectStatus, type FrameworkBench } from './types.js';

const POST_PAYLOAD = JSON.stringify(NEW_USER);

function createApp(): FastifyInstance {
  const app = Fastify();
  app.get<{ Params: { id: string } }>(
    '/users/:id',
    { schema: { params: USER_PARAMS_SCHEMA }, config: { mcp: { description: 'Fetch one user.' } } },
    async (request, reply) => {
      const user = getUser(request.params.id);
      if (!user) return reply.code(404).send({ error: 'no such user' });
      return user;
    },
  );
  app.post<{ Body: NewUser }>(
    '/users',
    { schema: { body: NEW_USER_SCHEMA }, config: { mcp: { description: 'Create a user.' } } },
    async (request, reply) => reply.code(201).send(createUser(request.body)),
  );
  return app;
}

/** Fastify 5 with route JSON Schemas. */
export const fastifyBench: FrameworkBench = {
  descriptor,
  framework: descriptor.name,
  packageName: descriptor.frameworkPackage,
  async create(): Promise<BenchApp> {
    const app = createApp();
    const adapter = descriptor.create(app, { name: 'bench-fastify' });
    await app.ready();
    return {
      framework: 'fastify',
      async floorGet() {
        const response = await app.inject({ method: 'GET', url: `/users/${USER_ID}` });
        expectStatus('fastify', 'GET', response.statusCode, 200);
      },
      async floorPost() {
        const response = await app.inject({
          method: 'POST',
          url: '/users',
          headers: { 'content-type': 'application/json' },
          payload: POST_PAYLOAD,
        });
        expectStatus('fastify', 'POST', response.statusCode, 201);
      },
      adapter,
      async listenHttp() {
        // An inject-ready instance can still listen; the same instance keeps the comparison exact.
        const address = await app.listen({ port: 0, host: '127.0.0.1' });
        return { baseUrl: address, close: () => app.close() };
      },
    };
  },
  async createScaled(routes) {
    const app = Fastify();
    for (let index = 0; index < routes; index++) {
      app.get<{ Params: { id: string } }>(`/r${index}/items/:id`, async (request) => ({
        route: index,
        id: request.params.id,
      }));
    }
    // Booting is Fastify's own cost, paid by the app whether or not MCP is added.
    await app.ready();
    return { createAdapter: async () => descriptor.create(app) };
  },
};
