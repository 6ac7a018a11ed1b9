import Fastify from 'fastify';

const fastify = Fastify({ logger: true });

const products = [{ id: 1, name: 'Keyboard', price: 49 }];

async function productRoutes(instance) {
  instance.get('/products', async (request) => {
    const max = request.query.maxPrice ? Number(request.query.maxPrice) : Infinity;
    return products.filter((p) => p.price <= max);
  });
  instance.get(
    '/products/:id',
    { schema: { params: { type: 'object', properties: { id: { type: 'integer' } } } } },
    async (request, reply) => {
      const product = products.find((p) => p.id === request.params.id);
      if (!product) return reply.code(404).send({ error: 'Not Found', message: 'no such product' });
      return product;
    },
  );
  instance.post(
    '/products',
    {
      schema: {
        body: {
          type: 'object',
          required: ['name', 'price'],
          properties: { name: { type: 'string' }, price: { type: 'number' } },
        },
      },
    },
    async (request, reply) => reply.code(201).send({ id: 2, ...request.body }),
  );
  instance.delete('/products/:id', async (_request, reply) => reply.code(204).send());
}

fastify.register(productRoutes, { prefix: '/v1' });

try {
  await fastify.listen({ port: Number(process.env.PORT ?? 3000), host: '127.0.0.1' });
} catch (err) {
  fastify.log.error(err);
  process.exit(1);
}
