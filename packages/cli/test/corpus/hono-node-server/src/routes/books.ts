import { Hono } from 'hono';

const books = new Hono();

books.get('/', (c) => c.json([{ id: 1, title: 'SICP' }]));
books.get('/:id', (c) => {
  const id = Number(c.req.param('id'));
  return id === 1 ? c.json({ id, title: 'SICP' }) : c.json({ message: 'book not found' }, 404);
});
books.post('/', async (c) => c.json({ id: 2, ...(await c.req.json()) }, 201));

export default books;
