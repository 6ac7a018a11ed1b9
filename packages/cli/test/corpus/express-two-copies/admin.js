// The admin area, written against the Express 4 copy an older internal package pins.
const express = require('legacy-express');

const admin = express();
const users = express.Router();
users.get('/:id', (req, res) => res.json({ id: req.params.id, role: 'admin' }));

admin.get('/stats', (_req, res) => res.json({ users: 2, orders: 5 }));
admin.use('/users', users);

module.exports = admin;
