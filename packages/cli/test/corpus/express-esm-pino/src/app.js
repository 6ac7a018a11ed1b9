import express from 'express';
import pino from 'pino';

export const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });

const todos = [{ id: 1, title: 'write docs', done: false }];

const app = express();
app.use(express.json());
app.use((req, res, next) => {
  res.on('finish', () =>
    logger.info({ method: req.method, url: req.url, status: res.statusCode }, 'request'),
  );
  next();
});

app.get('/todos', (_req, res) => res.json(todos));
app.get('/todos/:id', (req, res) => {
  const todo = todos.find((t) => t.id === Number(req.params.id));
  return todo ? res.json(todo) : res.status(404).json({ error: 'todo not found' });
});
app.post('/todos', (req, res) => {
  if (!req.body?.title) return res.status(422).json({ error: 'title is required' });
  res.status(201).json({ id: todos.length + 1, title: req.body.title, done: false });
});
app.patch('/todos/:id', (req, res) => {
  const todo = todos.find((t) => t.id === Number(req.params.id));
  if (!todo) return res.status(404).json({ error: 'todo not found' });
  res.json({ ...todo, ...req.body });
});

export default app;
