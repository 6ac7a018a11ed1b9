import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Cleanups } from '@backend2mcp/test-support';
import { Client } from '@modelcontextprotocol/client';
import { afterEach, describe, expect, it } from 'vitest';
import {
  accepts,
  alive,
  childPids,
  freePort,
  RecordingStdioTransport,
  runCli,
} from './helpers/cli-process.js';

// Each case is an app file written the way real projects write them, run unmodified
// through the built CLI over stdio with the SDK client.
const app = (path: string) => fileURLToPath(new URL(`./fixtures/real/${path}`, import.meta.url));
const cleanups = new Cleanups();
afterEach(() => cleanups.run());

async function connect(args: string[], env: Record<string, string> = {}) {
  const transport = new RecordingStdioTransport(args, env);
  const client = new Client({ name: 'real-modules-test', version: '1.0.0' });
  await client.connect(transport);
  cleanups.add(() => client.close());
  return { client, transport };
}

describe('a module that starts its own server', () => {
  it.each([
    [
      'cjs/express-listen.js',
      'app.listen(PORT) at the bottom, nothing exported',
      'get_users_by_id',
      { id: '4' },
    ],
    [
      'cjs/koa-create-server.js',
      'http.createServer(app.callback()).listen(), nothing exported',
      'get_orders_by_id',
      { id: '4' },
    ],
    [
      'esm/fastify-logger.js',
      'await fastify.listen() at top level, nothing exported',
      'get_items_by_id',
      { id: 4 },
    ],
    [
      'esm/express-pino.js',
      'http.createServer(app).listen(), ESM, nothing exported',
      'get_greetings_by_name',
      { name: 'x' },
    ],
    ['esm/hono-serve.ts', 'serve({ fetch: app.fetch }) of @hono/node-server', 'get_ping', {}],
  ])(
    '%s (%s): served in process, its port left unbound, one stderr line says so',
    async (file, _shape, tool, args) => {
      const port = await freePort();
      const { client, transport } = await connect([app(file), '--env', `PORT=${port}`]);
      const result = await client.callTool({ name: tool, arguments: args });
      expect(result.isError).toBeFalsy();
      expect(await accepts(port)).toBe(false);
      expect(transport.stderr.match(/skipped the app's listen/g)).toHaveLength(1);
      expect(transport.stderr).toContain(
        `skipped the app's listen on port ${port}: the CLI serves the app in process`,
      );
    },
    30_000,
  );

  it.each([
    ['cjs/express-module-parent.js', 'if (!module.parent) app.listen()', 'get_health'],
    ['cjs/koa-require-main.js', 'if (require.main === module) app.listen()', 'get_books_by_id'],
    ['esm/express-import-meta.js', 'if (import.meta.url === argv[1]) app.listen()', 'get_status'],
  ])(
    '%s (%s): the guard stays shut, as under a test runner',
    async (file, _shape, tool) => {
      const port = await freePort();
      const { client, transport } = await connect([app(file), '--env', `PORT=${port}`]);
      expect((await client.listTools()).tools.map((entry) => entry.name)).toContain(tool);
      // Loaded as CommonJS through require: the module never even tried to listen.
      expect(transport.stderr).not.toContain('skipped');
      expect(await accepts(port)).toBe(false);
    },
    30_000,
  );

  it('--allow-listen lets the app bind its port as well', async () => {
    const port = await freePort();
    const { client } = await connect([
      app('cjs/express-listen.js'),
      '--allow-listen',
      '--env',
      `PORT=${port}`,
    ]);
    const viaMcp = await client.callTool({ name: 'get_users_by_id', arguments: { id: '9' } });
    const viaHttp = await (await fetch(`http://127.0.0.1:${port}/users/9`)).json();
    expect(viaMcp.structuredContent).toEqual(viaHttp);
    expect(viaHttp).toEqual({ id: '9', via: 'express-listen' });
  }, 30_000);
});

describe('an entry module that exports nothing', () => {
  it('the app is taken from its listen call, with or without :export', async () => {
    const plain = await runCli(['list', app('cjs/express-listen.js'), '--json']);
    const named = await runCli(['list', `${app('cjs/express-listen.js')}:app`, '--json']);
    expect(plain.code).toBe(0);
    expect(named.code).toBe(0);
    const tools = (output: string) => JSON.parse(output).tools.map((tool: { name: string }) => tool.name);
    expect(tools(plain.stdout)).toEqual(['get_users_by_id', 'post_users']);
    expect(tools(named.stdout)).toEqual(tools(plain.stdout));
  }, 30_000);

  it('a Bun / Deno entry exporting { port, fetch: app.fetch } serves the Hono app behind it', async () => {
    const { client } = await connect([app('esm/hono-bun-entry.ts')]);
    const result = await client.callTool({ name: 'get_todos_by_id', arguments: { id: 'a1' } });
    expect(result.structuredContent).toEqual({ id: 'a1', via: 'hono-bun-entry' });
  }, 30_000);

  it('a Koa app behind http.createServer(app.callback()) answers errors as errors', async () => {
    const { client } = await connect([app('cjs/koa-create-server.js')]);
    const result = await client.callTool({ name: 'delete_orders_by_id', arguments: { id: '12' } });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toContain('order 12 not found');
  }, 30_000);
});

describe('an app that keeps the event loop alive', () => {
  it('list prints and exits by itself, on success and on errors', async () => {
    const listed = await runCli(['list', app('cjs/koa-create-server.js')], { timeoutMs: 20_000 });
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('2 tools from a Koa app.');
    const wrongFramework = await runCli(['list', app('cjs/koa-create-server.js'), '--framework', 'hono'], {
      timeoutMs: 20_000,
    });
    expect(wrongFramework.code).toBe(1);
    expect(wrongFramework.stderr).toContain('No hono app found in koa-create-server.js');
  }, 45_000);

  it('run exits when the client closes stdin, leaving no process behind', async () => {
    const port = await freePort();
    const { client, transport } = await connect([
      app('cjs/koa-create-server.js'),
      '--allow-listen',
      '--env',
      `PORT=${port}`,
    ]);
    expect((await client.listTools()).tools).toHaveLength(2);
    const processes = [transport.pid, ...childPids(transport.pid)];
    expect(processes).toHaveLength(2); // the CLI and the worker that runs the app
    expect(await accepts(port)).toBe(true);
    await transport.close();
    await expect.poll(() => processes.filter(alive), { timeout: 10_000 }).toEqual([]);
    expect(await accepts(port)).toBe(false);
  }, 30_000);

  it('run --transport http on a port in use says so and exits 1', async () => {
    const { createServer } = await import('node:net');
    const blocker = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => blocker.once('listening', resolve));
    cleanups.add(() => new Promise((resolve) => blocker.close(resolve)));
    const { port } = blocker.address() as { port: number };
    const result = await runCli(
      ['run', app('cjs/koa-create-server.js'), '--transport', 'http', '--port', String(port)],
      {
        timeoutMs: 20_000,
      },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use; choose another port.`);
  }, 30_000);

  it('run --transport http defaults to a port that is not the usual app port', async () => {
    const help = await runCli(['run', '--help']);
    expect(help.stdout).toMatch(/--port <port>\s+HTTP port \(default: "3939"\)/);
  });
});

describe('an app that writes to stdout', () => {
  it.each([
    [
      'esm/express-pino.js',
      'pino to fd 1, console.log and process.stdout.write on every request',
      'get_greetings_by_name',
      { name: 'ada' },
    ],
    ['esm/fastify-logger.js', "Fastify's logger: true on every request", 'get_items_by_id', { id: 3 }],
  ])(
    '%s (%s): the client sees only JSON-RPC; the logs go to stderr',
    async (file, _writes, tool, args) => {
      const { client, transport } = await connect([app(file)]);
      for (let call = 0; call < 3; call++) {
        const result = await client.callTool({ name: tool, arguments: args });
        expect(result.isError).toBeFalsy();
      }
      expect(transport.foreignLines).toEqual([]);
      expect(transport.messages.length).toBeGreaterThanOrEqual(4);
      await expect.poll(() => transport.stderr).toMatch(/"msg":"(request|incoming request)"/);
    },
    30_000,
  );
});

describe('the environment the app expects', () => {
  it('env and allowListen in backend2mcp.config.json, as the flags', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backend2mcp-env-'));
    cleanups.add(() => rmSync(dir, { recursive: true, force: true }));
    const port = await freePort();
    writeFileSync(join(dir, 'backend2mcp.config.json'), JSON.stringify({ env: { PORT: String(port) } }));
    const result = await runCli([
      'list',
      app('cjs/express-listen.js'),
      '--config',
      join(dir, 'backend2mcp.config.json'),
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`skipped the app's listen on port ${port}`);
  }, 30_000);

  it('--env and --env-file reach process.env and, for Hono, c.env (Workers bindings)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backend2mcp-env-'));
    cleanups.add(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, '.dev.vars'), 'USERNAME=ada\nPASSWORD="s3cret"\n');
    const { client } = await connect([app('cjs/hono-workers.ts'), '--env-file', join(dir, '.dev.vars')]);
    const denied = await client.callTool({ name: 'get_admin_stats', arguments: {} });
    expect(denied.isError).toBe(true);
    expect(JSON.stringify(denied.content)).toContain('401');

    const { client: withHeader } = await connect([
      app('cjs/hono-workers.ts'),
      '--env-file',
      join(dir, '.dev.vars'),
      '--env',
      'USERNAME=grace',
      '--header',
      `Authorization: Basic ${btoa('grace:s3cret')}`,
    ]);
    const allowed = await withHeader.callTool({ name: 'get_admin_stats', arguments: {} });
    expect(allowed.structuredContent).toEqual({ user: 'grace' });
  }, 30_000);
});
