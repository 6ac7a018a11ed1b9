const express = require('express');

const router = express.Router();
const users = new Map([
  ['1', { id: '1', name: 'Ada Lovelace', email: 'ada@example.com' }],
  ['2', { id: '2', name: 'Grace Hopper', email: 'grace@example.com' }],
]);

router.get('/', (req, res) => {
  const limit = Number(req.query.limit ?? 10);
  res.json([...users.values()].slice(0, limit));
});

router.get('/:id', (req, res) => {
  const user = users.get(req.params.id);
  if (!user) return res.status(404).json({ error: `user ${req.params.id} not found` });
  res.json(user);
});

router.post('/', (req, res) => {
  if (!req.body || typeof req.body.name !== 'string') {
    return res.status(400).json({ error: 'name is required' });
  }
  const user = { id: String(users.size + 1), ...req.body };
  res.status(201).json(user);
});

router.put('/:id', (req, res) => {
  if (!users.has(req.params.id)) return res.status(404).json({ error: 'not found' });
  res.json({ ...users.get(req.params.id), ...req.body, id: req.params.id });
});

router.delete('/:id', (req, res) => {
  if (!users.has(req.params.id)) return res.status(404).json({ error: 'not found' });
  res.status(204).end();
});

module.exports = router;
