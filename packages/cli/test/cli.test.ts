import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { Cleanups, PROTOCOL_ERAS } from '@backend2mcp/test-support';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterEach, describe, expect, it } from 'vitest';

// The real CLI as users run it: the built bin, in a child process.
const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
/** The absolute file URL of a package the CLI's tests depend on, for app files written to temp dirs. */
const fixtureModule = (name: string) => pathToFileURL(createRequire(import.meta.url).resolve(name)).href;
const cleanups = new Cleanups();
afterEach(() => cleanups.run());

async function cli(
  ...input: [...string[], { cwd: string }] | string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  const last = input.at(-1);
  const options = typeof last === 'object' ? last : {};
  const args = (input as unknown[]).filter((arg): arg is string => typeof arg === 'string');
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...args], {
      encoding: 'utf8',
      ...options,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

async function stdioClient(args: string[], clientOptions = {}) {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [bin, 'run', ...args],
    stderr: 'pipe',
  });
  const client = new Client({ name: 'cli-test', version: '1.0.0' }, clientOptions);
  await client.connect(transport);
  cleanups.add(() => client.close());
  return client;
}

/** Starts `backend2mcp run ...` over HTTP and resolves with the MCP URL it prints. */
async function startHttp(args: string[], cwd?: string) {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [bin, 'run', ...args], cwd ? { cwd } : {});
  cleanups.add(() => child.kill());
  return new Promise<string>((resolve, reject) => {
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk;
      const match = /MCP at (http:\/\/\S+)/.exec(stderr);
      if (match) resolve(match[1]!);
    });
    child.on('exit', () => reject(new Error(stderr)));
  });
}

describe('backend2mcp run over stdio', () => {
  it.each([
    [
      'express-app.ts',
      'a TypeScript module (default export)',
      'get_users_by_id',
      { id: '7' },
      { id: '7', framework: 'express', service: null },
    ],
    [
      'koa-app.cjs',
      'a CommonJS module (module.exports = app)',
      'get_books_by_id',
      { id: '7' },
      { id: '7', framework: 'koa' },
    ],
    [
      'fastify-app.mjs',
      'an ES module (the only app among named exports)',
      'get_api_items_by_id',
      { id: 7 },
      { id: 7, framework: 'fastify' },
    ],
    [
      'hono-app.ts',
      'a TypeScript module (named export)',
      'get_hello_by_name',
      { name: 'ada' },
      { hello: 'ada', framework: 'hono' },
    ],
  ])(
    'serves %s, %s',
    async (file, _kind, tool, args, expected) => {
      const client = await stdioClient([fixture(file)]);
      const { tools } = await client.listTools();
      expect(tools.map((entry) => entry.name)).toContain(tool);
      const result = await client.callTool({ name: tool, arguments: args });
      expect(result.structuredContent).toEqual(expected);
    },
    30_000,
  );

  it.each(PROTOCOL_ERAS)(
    'keeps stdout for the protocol (the app logs to stderr), protocol %s',
    async (version, options) => {
      const client = await stdioClient([fixture('express-app.ts')], options);
      expect(client.getNegotiatedProtocolVersion()).toBe(version);
      expect((await client.listTools()).tools).toHaveLength(3);
    },
    30_000,
  );

  it('applies --include, --exclude and --header', async () => {
    const client = await stdioClient([
      fixture('express-app.ts'),
      '--exclude',
      'DELETE *',
      '--include',
      '/users*',
      '--header',
      'X-Service: cli',
    ]);
    expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual([
      'get_users_by_id',
      'post_users',
    ]);
    const result = await client.callTool({ name: 'get_users_by_id', arguments: { id: '1' } });
    expect(result.structuredContent).toEqual({ id: '1', framework: 'express', service: 'cli' });
  }, 30_000);
});

describe('backend2mcp run --transport http', () => {
  it('serves Streamable HTTP on the given port', async () => {
    const url = await startHttp([fixture('hono-app.ts'), '--transport', 'http', '--port', '0']);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    const client = new Client({ name: 'cli-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    cleanups.add(() => client.close());
    const result = await client.callTool({ name: 'get_hello_by_name', arguments: { name: 'http' } });
    expect(result.structuredContent).toEqual({ hello: 'http', framework: 'hono' });
  }, 30_000);
});

describe('backend2mcp run: HTTP caller credentials and the config file', () => {
  const ping = (url: string, headers: Record<string, string>) =>
    fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        ...headers,
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
    });

  it('--bearer-token and --api-key: callers without one get 401, callers with one are served', async () => {
    const url = await startHttp([
      fixture('hono-app.ts'),
      '--transport',
      'http',
      '--port',
      '0',
      '--bearer-token',
      's3cret',
      '--api-key',
      'k3y',
    ]);
    const missing = await ping(url, {});
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="backend2mcp"');
    expect((await ping(url, { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await ping(url, { authorization: 'Bearer s3cret' })).status).toBe(200);
    expect((await ping(url, { 'x-api-key': 'k3y' })).status).toBe(200);

    const client = new Client({ name: 'cli-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(url), {
        requestInit: { headers: { authorization: 'Bearer s3cret' } },
      }),
    );
    cleanups.add(() => client.close());
    const result = await client.callTool({ name: 'get_hello_by_name', arguments: { name: 'auth' } });
    expect(result.structuredContent).toEqual({ hello: 'auth', framework: 'hono' });
  }, 30_000);

  it('reads backend2mcp.config.json next to the module; flags win over it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backend2mcp-config-'));
    cleanups.add(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(
      join(dir, 'backend2mcp.config.json'),
      JSON.stringify({ exclude: ['DELETE *'], include: ['*'] }),
    );
    writeFileSync(
      join(dir, 'app.mjs'),
      `import express from ${JSON.stringify(fixtureModule('express'))};\nconst app = express();\napp.get('/a', (q, s) => s.end());\napp.delete('/a', (q, s) => s.end());\nexport default app;\n`,
    );
    const fromConfig = await cli('list', join(dir, 'app.mjs'), '--json');
    expect(JSON.parse(fromConfig.stdout).tools.map((tool: { name: string }) => tool.name)).toEqual(['get_a']);
    const overridden = await cli('list', join(dir, 'app.mjs'), '--json', '--exclude', 'GET *');
    expect(JSON.parse(overridden.stdout).tools.map((tool: { name: string }) => tool.name)).toEqual([
      'delete_a',
    ]);
  });

  it('refuses a config file with an unknown key, naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backend2mcp-config-'));
    cleanups.add(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'backend2mcp.config.json'), JSON.stringify({ exlude: ['x'] }));
    const result = await cli(
      'list',
      fixture('express-app.ts'),
      '--config',
      join(dir, 'backend2mcp.config.json'),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('has unknown keys: exlude.');
  });
});

describe('backend2mcp list', () => {
  it('prints a table of tools', async () => {
    const { code, stdout } = await cli('list', fixture('express-app.ts'));
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        'TOOL             METHOD  PATH        HINTS',
        'get_users_by_id  GET     /users/:id  read-only',
        'post_users       POST    /users',
        'delete_cache     DELETE  /cache      destructive, idempotent',
        '',
        '3 tools from an Express app.',
        '',
      ].join('\n'),
    );
  });

  it('prints the full definitions with --json (golden)', async () => {
    const { code, stdout } = await cli('list', fixture('fastify-app.mjs'), '--json');
    expect(code).toBe(0);
    await expect(stdout).toMatchFileSnapshot('./__snapshots__/list-fastify.golden.json');
  });
});

describe('backend2mcp config', () => {
  it('prints the Claude Desktop / Cursor and VS Code snippets: absolute module path, working directory kept', async () => {
    const file = fixture('express-app.ts');
    const cwd = fileURLToPath(new URL('.', import.meta.url)).replace(/\/$/, '');
    const args = ['-y', '@backend2mcp/cli', 'run', file, '--cwd', cwd];
    const { stdout } = await cli('config', 'claude', 'fixtures/express-app.ts', { cwd });
    expect(JSON.parse(stdout)).toEqual({ mcpServers: { 'express-app': { command: 'npx', args } } });
    const vscode = await cli('config', 'vscode', `fixtures/express-app.ts:app`, { cwd });
    expect(JSON.parse(vscode.stdout)).toEqual({
      servers: {
        'express-app': {
          type: 'stdio',
          command: 'npx',
          args: ['-y', '@backend2mcp/cli', 'run', `${file}:app`, '--cwd', cwd],
        },
      },
    });
  });

  it('the snippet works when the client starts it from /', async () => {
    const { stdout } = await cli('config', 'claude', fixture('real/cjs/express-listen.js'));
    const { args } = JSON.parse(stdout).mcpServers['express-listen'];
    const listed = await cli('list', ...args.slice(3), { cwd: '/' });
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('2 tools from an Express app.');
  });

  it('refuses a snippet for a file that does not exist', async () => {
    const result = await cli('config', 'cursor', 'src/missing-app.ts');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^backend2mcp: File not found: .*src\/missing-app\.ts\n$/);
  });
});

describe('backend2mcp errors', () => {
  it('file not found', async () => {
    const result = await cli('list', 'missing.ts');
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toMatch(/^backend2mcp: File not found: .*missing\.ts\n$/);
  });

  it('no app export, listing the exports it saw', async () => {
    const result = await cli('list', fixture('not-an-app.mjs'));
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'backend2mcp: No Express, Fastify, Hono, Koa or NestJS app found among the exports of not-an-app.mjs (config, helper). Export the app instance (default or named), or name it with <file>:<export>.\n',
    );
  });

  it('several apps, naming them', async () => {
    const result = await cli('list', fixture('two-apps.mjs'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('two-apps.mjs exports several apps (admin, api)');
    const picked = await cli('list', `${fixture('two-apps.mjs')}:api`);
    expect(picked.code).toBe(0);
  });

  it('framework not recognised', async () => {
    const result = await cli('list', `${fixture('not-an-app.mjs')}:config`);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'backend2mcp: The export "config" of not-an-app.mjs is not an Express, Fastify, Hono, Koa or NestJS app; pass --framework if it is one.\n',
    );
  });

  it('a TypeScript syntax error, with file and line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backend2mcp-cli-'));
    cleanups.add(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'broken.ts');
    writeFileSync(file, 'const app = {;\nexport default app;\n');
    const result = await cli('list', file);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${file}:1:13: ERROR:`);
  });

  it('a port in use', async () => {
    const { createServer } = await import('node:net');
    const blocker = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => blocker.once('listening', resolve));
    cleanups.add(() => new Promise((resolve) => blocker.close(resolve)));
    const port = (blocker.address() as { port: number }).port;
    const result = await cli('run', fixture('hono-app.ts'), '--transport', 'http', '--port', String(port));
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `backend2mcp: Port ${port} on 127.0.0.1 is already in use; choose another port.\n`,
    );
  });

  it('--help lists the commands and their options', async () => {
    const top = await cli('--help');
    // The module is optional: --openapi names a backend instead.
    expect(top.stdout).toContain('run [options] [module]');
    expect(top.stdout).toContain('list [options] [module]');
    expect(top.stdout).toContain('config [options] <client> [module]');
    const run = await cli('run', '--help');
    for (const flag of [
      '--transport',
      '--port',
      '--host',
      '--header',
      '--include',
      '--exclude',
      '--framework',
      '--openapi',
      '--base-url',
      '--watch',
    ]) {
      expect(run.stdout).toContain(flag);
    }
  });
});
