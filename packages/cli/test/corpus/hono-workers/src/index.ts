import { Hono } from 'hono';
import { basicAuth } from 'hono/basic-auth';

type Bindings = {
  USERNAME: string;
  PASSWORD: string;
  GREETING: string;
};

const app = new Hono<{ Bindings: Bindings }>();

const posts = [{ id: '1', title: 'Hello Workers' }];

app.get('/', (c) => c.text(`${c.env.GREETING}, world`));

app.get('/api/posts', (c) => c.json(posts));
app.get('/api/posts/:id', (c) => {
  const post = posts.find((p) => p.id === c.req.param('id'));
  return post ? c.json(post) : c.json({ error: 'not found' }, 404);
});

app.use('/admin/*', async (c, next) => {
  const auth = basicAuth({ username: c.env.USERNAME, password: c.env.PASSWORD });
  return auth(c, next);
});
app.post('/admin/posts', async (c) => {
  const body = await c.req.json<{ title: string }>();
  return c.json({ id: '2', title: body.title }, 201);
});

export default app;
