var express = require('express');
var router = express.Router();

var books = [
  { id: 1, title: 'Dune', year: 1965 },
  { id: 2, title: 'Neuromancer', year: 1984 },
];

router.get('/', function (req, res) {
  var year = req.query.year ? Number(req.query.year) : undefined;
  res.json(
    year
      ? books.filter(function (b) {
          return b.year === year;
        })
      : books,
  );
});

router.get('/:id(\\d+)', function (req, res) {
  var book = books.find(function (b) {
    return b.id === Number(req.params.id);
  });
  if (!book) return res.status(404).send({ message: 'Book not found' });
  res.send(book);
});

router.post('/', function (req, res) {
  res.status(201).send({ id: books.length + 1, title: req.body.title });
});

module.exports = router;
