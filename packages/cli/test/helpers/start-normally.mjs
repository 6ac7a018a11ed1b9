// Starts a corpus app the way its own tooling would, for apps whose start command
// is not plain `node file`: `fastify start app.ts` (fastify-cli) and `wrangler dev`
// (a Workers Hono app with its .dev.vars as bindings). Run with tsx's hooks preloaded.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseEnv } from 'node:util';

const [mode, file, envFile] = process.argv.slice(2);
const port = Number(process.env.PORT);
const fromApp = createRequire(file);
const module = fromApp(file);

if (mode === 'fastify-plugin') {
  const Fastify = fromApp('fastify');
  const app = Fastify(module.options ?? {});
  app.register(module.default ?? module);
  await app.listen({ port, host: '127.0.0.1' });
} else if (mode === 'workers') {
  const { serve } = await import('@hono/node-server');
  const env = parseEnv(readFileSync(envFile, 'utf8'));
  serve({ fetch: (request) => module.default.fetch(request, env), port, hostname: '127.0.0.1' });
} else {
  throw new Error(`unknown mode ${mode}`);
}
