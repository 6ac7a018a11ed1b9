import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const tsxLoader = pathToFileURL(require.resolve('tsx')).href;
const registerEntry = pathToFileURL(join(here, '../src/register.ts')).href;
const adapterEntry = pathToFileURL(join(here, '../src/index.ts')).href;
const script = join(here, 'fixtures/routes-before-import.mjs');

/**
 * A project directory whose `express` is the given copy, with the app script in
 * it, as a user's project would have it (the script resolves `express` from there).
 */
function projectWith(expressPackage: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'backend2mcp-register-'));
  mkdirSync(join(dir, 'node_modules'));
  copyFileSync(script, join(dir, 'app.mjs'));
  symlinkSync(
    realpathSync(dirname(require.resolve(`${expressPackage}/package.json`))),
    join(dir, 'node_modules/express'),
  );
  dirs.push(dir);
  return dir;
}
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function run(expressPackage: string, preload: boolean) {
  const cwd = projectWith(expressPackage);
  const args = ['--import', tsxLoader, ...(preload ? ['--import', registerEntry] : []), join(cwd, 'app.mjs')];
  const output = execFileSync(process.execPath, args, {
    cwd,
    env: { ...process.env, BACKEND2MCP_EXPRESS_ENTRY: adapterEntry },
    encoding: 'utf8',
  });
  const result = JSON.parse(output) as { major: number; routes: string[]; skipped: string[] };
  expect(result.major).toBe(expressPackage === 'express4' ? 4 : 5);
  return { routes: result.routes, skipped: result.skipped };
}

describe('the register preload, for apps built before backend2mcp is imported', () => {
  it('Express 5 without it: router paths come from rawPath, the sub-app is reported', () => {
    expect(run('express', false)).toEqual({
      routes: ['GET /api/v1/items/:id'],
      skipped: ['sub-app at /admin'],
    });
  });

  it('Express 5 with it: everything, sub-app included', () => {
    expect(run('express', true)).toEqual({
      routes: ['GET /api/v1/items/:id', 'GET /admin/stats'],
      skipped: [],
    });
  });

  it('Express 4 without it: mounts are reported, never guessed', () => {
    expect(run('express4', false)).toEqual({ routes: [], skipped: ['router in app', 'sub-app'] });
  });

  it('Express 4 with it: everything', () => {
    expect(run('express4', true)).toEqual({
      routes: ['GET /api/v1/items/:id', 'GET /admin/stats'],
      skipped: [],
    });
  });
});
