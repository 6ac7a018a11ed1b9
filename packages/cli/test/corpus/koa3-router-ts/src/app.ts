import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import Koa from 'koa';

interface Project {
  id: number;
  name: string;
}

const projects: Project[] = [{ id: 1, name: 'backend2mcp' }];

const router = new Router({ prefix: '/projects' });
router.get('/', (ctx) => {
  ctx.body = projects;
});
router.get('/:id', (ctx) => {
  const project = projects.find((p) => p.id === Number(ctx.params.id));
  if (!project) {
    ctx.status = 404;
    ctx.body = { error: 'project not found' };
    return;
  }
  ctx.body = project;
});
router.post('/', (ctx) => {
  const body = ctx.request.body as Partial<Project>;
  ctx.status = 201;
  ctx.body = { id: projects.length + 1, name: body.name };
});
router.put('/:id', (ctx) => {
  ctx.body = { id: Number(ctx.params.id), ...(ctx.request.body as object) };
});

export const app = new Koa();
app.use(bodyParser());
app.use(router.routes());
app.use(router.allowedMethods());
