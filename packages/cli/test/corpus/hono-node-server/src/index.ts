import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { logger } from 'hono/logger';
import books from './routes/books.js';

const app = new Hono();

app.use(logger());
app.get('/', (c) => c.text('Hello Hono!'));
app.route('/books', books);

const port = Number(process.env.PORT ?? 3000);
serve({ fetch: app.fetch, port }, (info) => {
  console.log(`Server is running on http://localhost:${info.port}`);
});
