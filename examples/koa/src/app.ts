import { mcp } from '@backend2mcp/koa';
import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import Koa from 'koa';

interface Book {
  id: string;
  title: string;
  author: string;
}

/**
 * An ordinary Koa API: a books router with a prefix, reviews nested under each
 * book, an error-handling middleware, and a route that fails. Nothing in it
 * knows about MCP except the optional `mcp({...})` descriptions.
 */
export function createApp(): Koa {
  const books = new Map<string, Book>([['1', { id: '1', title: 'Dune', author: 'Frank Herbert' }]]);
  const reviews = new Map<string, string[]>([['1', ['A classic.']]]);

  const app = new Koa();
  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      ctx.status = 500;
      ctx.body = { error: (error as Error).message };
    }
  });
  app.use(bodyParser());

  const bookRouter = new Router({ prefix: '/books' });
  bookRouter.get('/', mcp({ description: 'List all books.' }), (ctx) => {
    ctx.body = [...books.values()];
  });
  bookRouter.get('/:id', mcp({ description: 'Fetch one book by id.' }), (ctx) => {
    const book = books.get(ctx.params.id!);
    if (!book) ctx.throw(404, `No book with id ${ctx.params.id}`);
    ctx.body = book;
  });
  bookRouter.post(
    '/',
    mcp({
      description: 'Add a book.',
      schemas: {
        body: {
          type: 'object',
          properties: { title: { type: 'string' }, author: { type: 'string' } },
          required: ['title', 'author'],
        },
      },
    }),
    (ctx) => {
      const { title, author } = ctx.request.body as Omit<Book, 'id'>;
      const book = { id: String(books.size + 1), title, author };
      books.set(book.id, book);
      ctx.status = 201;
      ctx.body = book;
    },
  );

  const reviewRouter = new Router();
  reviewRouter.get('/', (ctx) => {
    ctx.body = { bookId: ctx.params.bookId, reviews: reviews.get(ctx.params.bookId!) ?? [] };
  });
  const nested = new Router();
  nested.use('/books/:bookId/reviews', reviewRouter.routes());

  const misc = new Router();
  misc.get('/boom', mcp({ description: 'Always fails, to show how errors look.' }), () => {
    throw new Error('Something broke in the handler');
  });

  for (const router of [bookRouter, nested, misc]) app.use(router.routes()).use(router.allowedMethods());
  return app;
}
