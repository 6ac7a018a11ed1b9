var express = require('express');
var bodyParser = express.json;
var books = require('./routes/books');

var app = express();
app.use(bodyParser());

var v1 = express.Router();
v1.use('/books', books);
app.use('/v1', v1);

app
  .route('/authors')
  .get(function (req, res) {
    res.json([{ name: 'Frank Herbert' }]);
  })
  .post(function (req, res) {
    res.status(201).json({ name: req.body.name });
  });

if (!module.parent) {
  var port = process.env.PORT || 3000;
  app.listen(port, function () {
    console.log('Express 4 app listening on ' + port);
  });
}

module.exports = app;
