import type { FastifyPluginAsync } from 'fastify';

const users: FastifyPluginAsync = async (fastify): Promise<void> => {
  fastify.get<{ Params: { id: number } }>(
    '/:id',
    {
      schema: {
        params: { type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] },
        response: {
          200: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } },
        },
      },
    },
    async (request, reply) => {
      if (request.params.id > 100) return reply.code(404).send({ message: 'user not found' });
      return { id: request.params.id, name: `user ${request.params.id}` };
    },
  );
  fastify.post<{ Body: { name: string } }>(
    '/',
    {
      schema: {
        body: {
          type: 'object',
          properties: { name: { type: 'string', minLength: 1 } },
          required: ['name'],
        },
      },
    },
    async (request, reply) => reply.code(201).send({ id: 101, name: request.body.name }),
  );
};

export default users;
