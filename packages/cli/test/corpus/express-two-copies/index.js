const express = require('express');
const admin = require('./admin');

const app = express();
const products = express.Router();
products.get('/', (_req, res) => res.json([{ id: 'p1', name: 'Lamp' }]));
products.get('/:id', (req, res) =>
  req.params.id === 'p1'
    ? res.json({ id: 'p1', name: 'Lamp' })
    : res.status(404).json({ error: 'no such product' }),
);

app.use('/products', products);
app.use('/admin', admin);

if (require.main === module) {
  app.listen(process.env.PORT || 3000);
}

module.exports = app;
