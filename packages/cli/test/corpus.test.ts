import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { statusLine } from '@backend2mcp/core';
import { Cleanups } from '@backend2mcp/test-support';
import { Client } from '@modelcontextprotocol/client';
import { afterAll, describe, expect, it } from 'vitest';
import { accepts, freePort, RecordingStdioTransport, userEnvironment } from './helpers/cli-process.js';

// The differential test over the corpus: apps written in the idioms of real projects
// (test/corpus/*, each its own package with its own dependencies), used unmodified.
// For each: every route is a tool (count checked), and for a sample of calls the MCP
// result says what the same request says over real HTTP to the app started normally.

const corpus = (path: string) => fileURLToPath(new URL(`./corpus/${path}`, import.meta.url));
const resolveHere = createRequire(import.meta.url).resolve;
const tsxFlags = [
  '--require',
  resolveHere('tsx/cjs'),
  '--import',
  pathToFileURL(resolveHere('tsx/esm')).href,
];
const startNormally = fileURLToPath(new URL('./helpers/start-normally.mjs', import.meta.url));

interface Call {
  tool: string;
  args: Record<string, unknown>;
  method: string;
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

interface CorpusApp {
  name: string;
  /** What the user types after `backend2mcp run`. */
  cli: string[];
  /** How the app starts on its own (node flags and file, relative to its directory). */
  start: string[];
  tools: string[];
  calls: Call[];
}

const apps: CorpusApp[] = [
  {
    name: 'express5-listen (CommonJS, app.listen at the bottom, no export)',
    cli: [corpus('express5-listen/server.js')],
    start: ['server.js'],
    tools: [
      'get_health',
      'get_api_users',
      'get_api_users_by_id',
      'post_api_users',
      'put_api_users_by_id',
      'delete_api_users_by_id',
    ],
    calls: [
      { tool: 'get_api_users_by_id', args: { id: '2' }, method: 'GET', path: '/api/users/2' },
      { tool: 'get_api_users_by_id', args: { id: '42' }, method: 'GET', path: '/api/users/42' },
      { tool: 'get_api_users', args: { query: { limit: 1 } }, method: 'GET', path: '/api/users?limit=1' },
      {
        tool: 'post_api_users',
        args: { body: { name: 'Linus' } },
        method: 'POST',
        path: '/api/users',
        body: { name: 'Linus' },
      },
      { tool: 'post_api_users', args: { body: {} }, method: 'POST', path: '/api/users', body: {} },
      { tool: 'delete_api_users_by_id', args: { id: '1' }, method: 'DELETE', path: '/api/users/1' },
    ],
  },
  {
    name: 'express4-module-parent (Express 4, if (!module.parent) listen, nested routers, :id(\\d+))',
    cli: [corpus('express4-module-parent/app.js')],
    start: ['app.js'],
    tools: ['get_v1_books', 'get_v1_books_by_id', 'post_v1_books', 'get_authors', 'post_authors'],
    calls: [
      { tool: 'get_v1_books_by_id', args: { id: 2 }, method: 'GET', path: '/v1/books/2' },
      { tool: 'get_v1_books_by_id', args: { id: 7 }, method: 'GET', path: '/v1/books/7' },
      { tool: 'get_v1_books', args: { query: { year: 1965 } }, method: 'GET', path: '/v1/books?year=1965' },
      {
        tool: 'post_authors',
        args: { body: { name: 'Ursula' } },
        method: 'POST',
        path: '/authors',
        body: { name: 'Ursula' },
      },
    ],
  },
  {
    name: 'express-esm-pino (ESM, server.js imports the app and listens, pino, a pool timer)',
    cli: [corpus('express-esm-pino/src/server.js')],
    start: ['src/server.js'],
    tools: ['get_todos', 'get_todos_by_id', 'post_todos', 'patch_todos_by_id'],
    calls: [
      { tool: 'get_todos', args: {}, method: 'GET', path: '/todos' },
      { tool: 'get_todos_by_id', args: { id: '5' }, method: 'GET', path: '/todos/5' },
      { tool: 'post_todos', args: { body: {} }, method: 'POST', path: '/todos', body: {} },
      {
        tool: 'patch_todos_by_id',
        args: { id: '1', body: { done: true } },
        method: 'PATCH',
        path: '/todos/1',
        body: { done: true },
      },
    ],
  },
  {
    name: 'express-two-copies (Express 5 app mounting an Express 4 admin app from another copy)',
    cli: [corpus('express-two-copies/index.js')],
    start: ['index.js'],
    tools: ['get_products', 'get_products_by_id', 'get_admin_stats', 'get_admin_users_by_id'],
    calls: [
      { tool: 'get_admin_users_by_id', args: { id: 'u7' }, method: 'GET', path: '/admin/users/u7' },
      { tool: 'get_admin_stats', args: {}, method: 'GET', path: '/admin/stats' },
      { tool: 'get_products_by_id', args: { id: 'p9' }, method: 'GET', path: '/products/p9' },
    ],
  },
  {
    name: 'koa2-koa-router (Koa 2, koa-router, koa-bodyparser, app.listen, no export)',
    cli: [corpus('koa2-koa-router/app.js')],
    start: ['app.js'],
    tools: ['get_api_notes', 'get_api_notes_by_id', 'post_api_notes', 'delete_api_notes_by_id'],
    calls: [
      { tool: 'get_api_notes_by_id', args: { id: '1' }, method: 'GET', path: '/api/notes/1' },
      { tool: 'get_api_notes_by_id', args: { id: '3' }, method: 'GET', path: '/api/notes/3' },
      {
        tool: 'post_api_notes',
        args: { body: { text: 'call mum' } },
        method: 'POST',
        path: '/api/notes',
        body: { text: 'call mum' },
      },
      { tool: 'post_api_notes', args: { body: {} }, method: 'POST', path: '/api/notes', body: {} },
      { tool: 'delete_api_notes_by_id', args: { id: '1' }, method: 'DELETE', path: '/api/notes/1' },
    ],
  },
  {
    name: 'koa3-router-ts (Koa 3, @koa/router, TypeScript ESM, main.ts imports the app and listens)',
    cli: [corpus('koa3-router-ts/src/main.ts')],
    start: [...tsxFlags, 'src/main.ts'],
    tools: ['get_projects', 'get_projects_by_id', 'post_projects', 'put_projects_by_id'],
    calls: [
      { tool: 'get_projects_by_id', args: { id: '1' }, method: 'GET', path: '/projects/1' },
      { tool: 'get_projects_by_id', args: { id: '2' }, method: 'GET', path: '/projects/2' },
      {
        tool: 'put_projects_by_id',
        args: { id: '1', body: { name: 'x' } },
        method: 'PUT',
        path: '/projects/1',
        body: { name: 'x' },
      },
    ],
  },
  {
    name: 'fastify-autoload (fastify-cli template: TS plugin, @fastify/autoload, fastify-plugin; a directory)',
    cli: [corpus('fastify-autoload')],
    start: [...tsxFlags, startNormally, 'fastify-plugin', corpus('fastify-autoload/app.ts')],
    tools: ['get_root', 'get_example', 'get_users_by_id', 'post_users'],
    calls: [
      { tool: 'get_example', args: {}, method: 'GET', path: '/example' },
      { tool: 'get_users_by_id', args: { id: 5 }, method: 'GET', path: '/users/5' },
      { tool: 'get_users_by_id', args: { id: 500 }, method: 'GET', path: '/users/500' },
      { tool: 'post_users', args: { name: 'Ada' }, method: 'POST', path: '/users', body: { name: 'Ada' } },
    ],
  },
  {
    name: 'fastify-logger-listen (ESM, logger: true, prefixed plugin, top-level await listen)',
    cli: [corpus('fastify-logger-listen/server.js')],
    start: ['server.js'],
    tools: ['get_v1_products', 'get_v1_products_by_id', 'post_v1_products', 'delete_v1_products_by_id'],
    calls: [
      { tool: 'get_v1_products_by_id', args: { id: 1 }, method: 'GET', path: '/v1/products/1' },
      { tool: 'get_v1_products_by_id', args: { id: 9 }, method: 'GET', path: '/v1/products/9' },
      {
        tool: 'post_v1_products',
        args: { name: 'Mouse', price: 19 },
        method: 'POST',
        path: '/v1/products',
        body: { name: 'Mouse', price: 19 },
      },
      { tool: 'delete_v1_products_by_id', args: { id: '1' }, method: 'DELETE', path: '/v1/products/1' },
    ],
  },
  {
    name: 'hono-workers (Workers template: TS, no "type", c.env bindings from .dev.vars; a directory)',
    cli: [corpus('hono-workers'), '--env-file', corpus('hono-workers/.dev.vars')],
    start: [
      ...tsxFlags,
      startNormally,
      'workers',
      corpus('hono-workers/src/index.ts'),
      corpus('hono-workers/.dev.vars'),
    ],
    tools: ['get_root', 'get_api_posts', 'get_api_posts_by_id', 'post_admin_posts'],
    calls: [
      { tool: 'get_root', args: {}, method: 'GET', path: '/' },
      { tool: 'get_api_posts_by_id', args: { id: '2' }, method: 'GET', path: '/api/posts/2' },
      {
        tool: 'post_admin_posts',
        args: { body: { title: 'x' } },
        method: 'POST',
        path: '/admin/posts',
        body: { title: 'x' },
      },
    ],
  },
  {
    name: 'hono-node-server (TS ESM, serve({ fetch: app.fetch }), sub-app by route(), no export)',
    cli: [corpus('hono-node-server/src/index.ts')],
    start: [...tsxFlags, 'src/index.ts'],
    tools: ['get_root', 'get_books', 'get_books_by_id', 'post_books'],
    calls: [
      { tool: 'get_root', args: {}, method: 'GET', path: '/' },
      { tool: 'get_books_by_id', args: { id: '1' }, method: 'GET', path: '/books/1' },
      { tool: 'get_books_by_id', args: { id: '4' }, method: 'GET', path: '/books/4' },
      {
        tool: 'post_books',
        args: { body: { title: 'HtDP' } },
        method: 'POST',
        path: '/books',
        body: { title: 'HtDP' },
      },
    ],
  },
];

const cleanups = new Cleanups();
afterAll(() => cleanups.run());

/** Starts the app as its project starts it, on a free port, and waits until it accepts connections. */
async function startApp(app: CorpusApp): Promise<string> {
  const port = await freePort();
  const cwd = app.cli[0]!.match(/^(.*\/corpus\/[^/]+)/)![1]!;
  const child: ChildProcess = spawn(process.execPath, app.start, {
    cwd,
    env: userEnvironment({ PORT: String(port), LOG_LEVEL: 'warn' }),
    stdio: 'ignore',
  });
  cleanups.add(() => {
    child.kill('SIGKILL');
  });
  await expect.poll(() => accepts(port), { timeout: 20_000, interval: 100 }).toBe(true);
  return `http://127.0.0.1:${port}`;
}

async function viaHttp(base: string, call: Call) {
  const response = await fetch(base + call.path, {
    method: call.method,
    headers: {
      ...(call.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...call.headers,
    },
    ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}),
  });
  return {
    status: response.status,
    text: await response.text(),
    type: response.headers.get('content-type') ?? '',
  };
}

describe.each(apps)('$name', (app) => {
  it('every route is a tool, and calls answer what HTTP answers', async () => {
    const [base, client] = await Promise.all([
      startApp(app),
      (async () => {
        const transport = new RecordingStdioTransport(app.cli);
        const client = new Client({ name: 'corpus-test', version: '1.0.0' });
        await client.connect(transport);
        cleanups.add(() => client.close());
        return client;
      })(),
    ]);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([...app.tools].sort());

    for (const call of app.calls) {
      const http = await viaHttp(base, call);
      const mcp = await client.callTool({ name: call.tool, arguments: call.args });
      const text = (mcp.content as Array<{ type: string; text?: string }>)[0]?.text;
      if (http.status >= 400) {
        expect({ call: call.path, isError: mcp.isError, text }).toEqual({
          call: call.path,
          isError: true,
          text: http.text === '' ? statusLine(http.status) : `${statusLine(http.status)}\n${http.text}`,
        });
      } else if (http.text === '') {
        expect({ call: call.path, isError: mcp.isError ?? false, text }).toEqual({
          call: call.path,
          isError: false,
          text: statusLine(http.status),
        });
      } else if (http.type.includes('json')) {
        expect({ call: call.path, isError: mcp.isError ?? false, body: JSON.parse(text!) }).toEqual({
          call: call.path,
          isError: false,
          body: JSON.parse(http.text),
        });
      } else {
        expect({ call: call.path, isError: mcp.isError ?? false, text }).toEqual({
          call: call.path,
          isError: false,
          text: http.text,
        });
      }
    }
  }, 60_000);
});
