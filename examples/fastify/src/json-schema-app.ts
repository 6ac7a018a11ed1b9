import '@backend2mcp/fastify'; // first, so the instance below is watched from its creation
import Fastify, { type FastifyInstance } from 'fastify';

/**
 * A todo API declared with plain JSON Schema: a shared `Todo` schema, a
 * prefixed plugin, validation, response serialisation, and an API-key hook.
 */
export function createJsonSchemaApp(): FastifyInstance {
  const todos = new Map([[1, { id: 1, title: 'Write the docs', done: false }]]);
  const app = Fastify();
  app.addSchema({
    $id: 'Todo',
    type: 'object',
    properties: { id: { type: 'integer' }, title: { type: 'string' }, done: { type: 'boolean' } },
    required: ['id', 'title', 'done'],
  });

  app.register(
    async (api) => {
      api.addHook('onRequest', async (request, reply) => {
        if (request.method !== 'GET' && request.headers['x-api-key'] !== 'dev-key') {
          return reply.code(401).send({ error: 'x-api-key required for writes' });
        }
      });
      api.get(
        '/',
        {
          schema: {
            summary: 'List todos',
            querystring: { type: 'object', properties: { done: { type: 'boolean' } } },
            response: { 200: { type: 'array', items: { $ref: 'Todo#' } } },
          },
        },
        async (request) => {
          const { done } = request.query as { done?: boolean };
          return [...todos.values()].filter((todo) => done === undefined || todo.done === done);
        },
      );
      api.get(
        '/:id',
        {
          schema: {
            summary: 'Get a todo',
            params: { type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] },
            response: {
              200: { $ref: 'Todo#' },
              404: { type: 'object', properties: { error: { type: 'string' } } },
            },
          },
        },
        async (request, reply) => {
          const todo = todos.get((request.params as { id: number }).id);
          return todo ?? reply.code(404).send({ error: 'no such todo' });
        },
      );
      api.post(
        '/',
        {
          schema: {
            summary: 'Create a todo',
            headers: { type: 'object', properties: { 'x-api-key': { type: 'string' } } },
            body: {
              type: 'object',
              properties: { title: { type: 'string', minLength: 1 } },
              required: ['title'],
            },
            response: { 201: { $ref: 'Todo#' } },
          },
        },
        async (request, reply) => {
          const todo = { id: todos.size + 1, title: (request.body as { title: string }).title, done: false };
          todos.set(todo.id, todo);
          return reply.code(201).send(todo);
        },
      );
    },
    { prefix: '/todos' },
  );
  return app;
}
