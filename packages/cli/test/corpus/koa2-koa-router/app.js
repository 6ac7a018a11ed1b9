const Koa = require('koa');
const Router = require('koa-router');
const bodyParser = require('koa-bodyparser');

const app = new Koa();
const api = new Router({ prefix: '/api' });
const notes = new Router();

const store = [{ id: 1, text: 'buy milk' }];

notes
  .get('/', (ctx) => {
    ctx.body = store;
  })
  .get('/:id', (ctx) => {
    const note = store.find((n) => n.id === Number(ctx.params.id));
    if (!note) ctx.throw(404, 'note not found');
    ctx.body = note;
  })
  .post('/', (ctx) => {
    const { text } = ctx.request.body;
    if (!text) ctx.throw(400, 'text is required');
    ctx.status = 201;
    ctx.body = { id: store.length + 1, text };
  })
  .del('/:id', (ctx) => {
    ctx.status = 204;
  });

api.use('/notes', notes.routes(), notes.allowedMethods());

app.use(async (ctx, next) => {
  const start = Date.now();
  await next();
  console.log(`${ctx.method} ${ctx.url} - ${Date.now() - start}ms`);
});
app.use(bodyParser());
app.use(api.routes()).use(api.allowedMethods());

const port = process.env.PORT || 3000;
app.listen(port);
console.log(`Koa listening on ${port}`);
