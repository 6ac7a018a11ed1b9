#!/usr/bin/env node
/**
 * The packages as a user gets them (part of `check`): every public package is
 * packed, then for each framework a fresh npm project installs the tarballs
 * next to the framework from the registry, type-checks the README quickstart
 * as a CommonJS project (`moduleResolution` node10 and node16) and as an ES
 * module project (node16 and bundler), runs the compiled quickstart of both and
 * calls its tool with the MCP SDK client. It also measures what `npm install`
 * adds (size and time) against the framework alone, and fails when a package
 * goes over its budget in docs/install.md.
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'backend2mcp-install-'));
const fromCli = createRequire(join(root, 'packages', 'cli', 'package.json'));
const { Client } = await import(pathToFileURL(fromCli.resolve('@modelcontextprotocol/client')).href);
const { StdioClientTransport } = await import(
  pathToFileURL(fromCli.resolve('@modelcontextprotocol/client/stdio')).href
);
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

/** Budgets (MB of node_modules added over the framework alone); docs/install.md lists the measurements. */
const BUDGET_MB = { express: 30, fastify: 30, hono: 30, koa: 30, nestjs: 60, cli: 70 };

const USER_CODE = {
  express: `import express from 'express';
import { McpAdapter, mcp } from '@backend2mcp/express';

const app = express();
app.use(express.json());
app.get('/users/:id', mcp({ description: 'Fetch one user by id.' }), (req, res) => {
  res.json({ id: req.params.id, name: 'Ada' });
});

const adapter = new McpAdapter(app);
adapter.serve();
`,
  fastify: `import { McpAdapter } from '@backend2mcp/fastify';
import Fastify from 'fastify';

const app = Fastify();
app.get('/users/:id', {
  schema: { summary: 'Get a user', params: { type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] } },
}, async (request) => ({ id: (request.params as { id: number }).id, name: 'Ada' }));

new McpAdapter(app).serve();
`,
  hono: `import { Hono } from 'hono';
import { McpAdapter, mcp } from '@backend2mcp/hono';

const app = new Hono();
app.get('/users/:id', mcp({ description: 'Fetch one user by id.' }), (c) => c.json({ id: c.req.param('id') }));

void new McpAdapter(app).serve();
`,
  koa: `import Koa from 'koa';
import Router from '@koa/router';
import { McpAdapter, mcp } from '@backend2mcp/koa';

const app = new Koa();
const router = new Router();
router.get('/users/:id', mcp({ description: 'Fetch one user by id.' }), (ctx) => {
  ctx.body = { id: ctx.params.id, name: 'Ada' };
});
app.use(router.routes()).use(router.allowedMethods());

new McpAdapter(app).serve();
`,
};

USER_CODE.nestjs = `import 'reflect-metadata';
import { Controller, Get, Module, Param } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { McpAdapter, McpTool } from '@backend2mcp/nestjs';

@Controller('users')
class UsersController {
  @Get(':id')
  @McpTool({ description: 'Fetch one user by id.' })
  findOne(@Param('id') id: string) {
    return { id, name: 'Ada' };
  }
}

@Module({ controllers: [UsersController] })
class AppModule {}

async function main() {
  const app = await NestFactory.create(AppModule);
  const adapter = new McpAdapter(app);
  adapter.serve(); // stdio, for Claude Desktop / Cursor
}
void main();
`;

const FRAMEWORK_DEPS = {
  nestjs: [
    '@nestjs/common@12',
    '@nestjs/core@12',
    '@nestjs/platform-express@12',
    'reflect-metadata@0.2',
    'rxjs@7',
  ],
  express: ['express@5', '@types/express@5'],
  fastify: ['fastify@5'],
  hono: ['hono@4'],
  koa: ['koa@3', '@koa/router@15', '@types/koa@3'],
};

const run = (command, args, cwd) => execFileSync(command, args, { cwd, encoding: 'utf8', stdio: 'pipe' });
const sizeMb = (dir) => Number(run('du', ['-sb', join(dir, 'node_modules')], dir).split('\t')[0]) / 1e6;

/** `npm install` into `dir` (created with a package.json when new); returns its time and the size after. */
function npmInstall(dir, packages, overrides = {}) {
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'user-app', private: true, overrides }));
  }
  const started = Date.now();
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...packages], dir);
  return { seconds: (Date.now() - started) / 1000, mb: sizeMb(dir) };
}

/** The overrides minus the package the project installs by name (npm refuses to override a direct dependency). */
const without = (overrides, name) =>
  Object.fromEntries(Object.entries(overrides).filter(([key]) => key !== name));

const failures = [];
const rows = [];
try {
  // 1. Pack: workspace versions resolved, `files` applied, exactly what npm would serve.
  const tarballs = {};
  for (const dir of readdirSync(join(root, 'packages'))) {
    const manifest = join(root, 'packages', dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
    if (pkg.private) continue;
    run(
      'npx',
      ['--yes', 'pnpm@10.34.9', 'pack', '--pack-destination', join(work, 'tarballs')],
      join(root, 'packages', dir),
    );
    tarballs[pkg.name] = join(
      work,
      'tarballs',
      `${pkg.name.replace('@', '').replace('/', '-')}-${pkg.version}.tgz`,
    );
  }
  // Our packages come from the tarballs wherever they are depended on (they are not on the registry yet).
  const overrides = Object.fromEntries(
    Object.entries(tarballs).map(([name, file]) => [name, `file:${file}`]),
  );

  // `--only <framework>` for a quick run of one framework while working on the script.
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
  for (const [framework, code] of Object.entries(USER_CODE)) {
    if (only && framework !== only) continue;
    const adapter = `@backend2mcp/${framework}`;
    const deps = [...FRAMEWORK_DEPS[framework], '@types/node@20'];
    // The framework first, then the adapter into the same project: the difference is what the adapter adds.
    const project = join(work, framework);
    const alone = npmInstall(project, deps, without(overrides, adapter));
    const installed = npmInstall(project, [tarballs[adapter]]);
    const added = installed.mb - alone.mb;
    rows.push([
      adapter,
      `+${added.toFixed(1)} MB`,
      `${installed.seconds.toFixed(1)} s`,
      `${framework} alone ${alone.mb.toFixed(1)} MB`,
    ]);
    if (added > BUDGET_MB[framework])
      failures.push(`${adapter} adds ${added.toFixed(1)} MB (budget ${BUDGET_MB[framework]} MB)`);

    // 2. The quickstart, type-checked and run as CommonJS and as an ES module.
    for (const [kind, type, checks] of [
      [
        'cjs',
        'commonjs',
        [
          ['commonjs', 'node10', true],
          ['node16', 'node16', false],
        ],
      ],
      [
        'esm',
        'module',
        [
          ['node16', 'node16', true],
          ['esnext', 'bundler', false],
        ],
      ],
    ]) {
      const dir = join(project, kind);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ type }));
      writeFileSync(join(dir, 'app.ts'), code);
      for (const [module, moduleResolution, emit] of checks) {
        // Nest 12 ships ES modules only: TypeScript's node16 mode refuses to `require` it from CommonJS
        // (Node 20.19+ can, which the run below shows), whatever the adapter does.
        if (framework === 'nestjs' && kind === 'cjs' && module === 'node16') continue;
        const config = {
          compilerOptions: {
            module,
            moduleResolution,
            target: 'es2022',
            strict: true,
            esModuleInterop: true,
            skipLibCheck: true, // as `tsc --init` writes it
            // Nest's own project template: constructor injection by type needs the metadata.
            ...(framework === 'nestjs' ? { experimentalDecorators: true, emitDecoratorMetadata: true } : {}),
            types: ['node'],
            outDir: 'dist',
            ...(emit ? {} : { noEmit: true }),
          },
          files: ['app.ts'],
        };
        writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(config));
        try {
          run(process.execPath, [tsc, '-p', dir], dir);
        } catch (error) {
          failures.push(
            `${adapter} ${kind} tsc (module ${module}, moduleResolution ${moduleResolution}):\n${error.stdout}${error.stderr}`,
          );
        }
      }
      const entry = join(dir, 'dist', 'app.js');
      if (!existsSync(entry)) continue;
      // 3. Run it as a client would start it and call the tool.
      const client = new Client({ name: 'install-test', version: '1.0.0' });
      try {
        await client.connect(
          new StdioClientTransport({ command: process.execPath, args: [entry], cwd: dir, stderr: 'pipe' }),
        );
        const { tools } = await client.listTools();
        const result = await client.callTool({ name: 'get_users_by_id', arguments: { id: 7 } });
        const text = result.content?.[0]?.text ?? '';
        if (!tools.some((tool) => tool.name === 'get_users_by_id') || result.isError || !text.includes('7')) {
          failures.push(`${adapter} ${kind}: unexpected answer ${JSON.stringify(result)}`);
        }
      } catch (error) {
        failures.push(`${adapter} ${kind}: the quickstart did not serve: ${error.message}`);
      } finally {
        await client.close().catch(() => {});
      }
    }
  }

  // 4. The CLI alone (what npx installs): no framework comes with it.
  if (only && only !== 'cli') throw new Error('--only: the CLI part skipped');
  const cli = npmInstall(
    join(work, 'cli'),
    [tarballs['@backend2mcp/cli']],
    without(overrides, '@backend2mcp/cli'),
  );
  rows.push(['@backend2mcp/cli', `${cli.mb.toFixed(1)} MB`, `${cli.seconds.toFixed(1)} s`, 'no framework']);
  if (cli.mb > BUDGET_MB.cli)
    failures.push(`@backend2mcp/cli installs ${cli.mb.toFixed(1)} MB (budget ${BUDGET_MB.cli} MB)`);
  // (hono itself still comes with the MCP SDK's Node bridge, @modelcontextprotocol/node: docs/install.md.)
  for (const framework of ['express', 'fastify', 'koa', '@koa/router', '@nestjs/core', '@swc/core']) {
    if (existsSync(join(work, 'cli', 'node_modules', framework)))
      failures.push(`installing the CLI installed ${framework}`);
  }
} catch (error) {
  if (!error.message.startsWith('--only')) throw error;
} finally {
  rmSync(work, { recursive: true, force: true });
}

console.log(
  `package | installed | npm install time | baseline\n${rows.map((row) => row.join(' | ')).join('\n')}`,
);
if (failures.length > 0) {
  console.error(`\nInstall test: ${failures.length} failure(s)\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log(
  'Install test: every quickstart type-checks (node10, node16 CJS/ESM, bundler) and serves from the packed packages.',
);
