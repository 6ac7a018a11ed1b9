import '@backend2mcp/fastify'; // first, so the instance below is watched from its creation
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

const Book = z.object({ id: z.number().int(), title: z.string(), author: z.string() });

/** A book API typed end to end with zod through fastify-type-provider-zod. */
export function createZodApp() {
  const books: Array<z.infer<typeof Book>> = [{ id: 1, title: 'Dune', author: 'Frank Herbert' }];
  const app = Fastify().withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.get(
    '/books',
    {
      schema: {
        description: 'Search books by title.',
        querystring: z.object({ q: z.string().optional() }),
        response: { 200: z.array(Book) },
      },
    },
    async (request) =>
      books.filter((book) => book.title.toLowerCase().includes((request.query.q ?? '').toLowerCase())),
  );
  app.post(
    '/books',
    {
      schema: {
        description: 'Add a book.',
        body: z.object({ title: z.string().min(1), author: z.string().min(1) }),
        response: { 201: Book },
      },
    },
    async (request, reply) => {
      const book = { id: books.length + 1, ...request.body };
      books.push(book);
      return reply.code(201).send(book);
    },
  );
  return app;
}
