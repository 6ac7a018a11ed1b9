#!/usr/bin/env node
/**
 * Lints every public package as it would be published (part of `check`):
 * `pnpm pack` (workspace versions resolved, `files` applied), then publint
 * --strict on the packed contents and attw on the tarball, so a subpath that
 * node10 resolution cannot find, a types/runtime format mismatch or a missing
 * file fails here and not in a user's `tsc`. Needs each package built.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const PNPM = ['--yes', 'pnpm@10.34.9'];
const bin = (name) => join(root, 'node_modules', '.bin', name);
const work = mkdtempSync(join(tmpdir(), 'backend2mcp-publish-'));
const failures = [];

try {
  for (const dir of readdirSync(join(root, 'packages'))) {
    const base = join(root, 'packages', dir);
    if (!existsSync(join(base, 'package.json'))) continue;
    const pkg = JSON.parse(readFileSync(join(base, 'package.json'), 'utf8'));
    if (pkg.private) continue;
    const out = join(work, dir);
    execFileSync('npx', [...PNPM, 'pack', '--pack-destination', out], { cwd: base, stdio: 'pipe' });
    const tarball = join(
      out,
      readdirSync(out).find((file) => file.endsWith('.tgz')),
    );
    execFileSync('tar', ['-xzf', tarball, '-C', out]);
    // attw resolves every entry for node10, node16 (CJS and ESM) and bundler. A package with no
    // `require` condition is ESM-only on purpose (the testing kit: vitest cannot be required), so
    // only its CommonJS resolution is left out; every other package is checked with nothing ignored.
    const packed = JSON.parse(readFileSync(join(out, 'package', 'package.json'), 'utf8'));
    const esmOnly = !JSON.stringify(packed.exports ?? {}).includes('"require"');
    for (const [tool, args] of [
      ['publint', ['--strict', '--pack', 'false', join(out, 'package')]],
      ['attw', [tarball, '--format', 'ascii', ...(esmOnly ? ['--profile', 'esm-only'] : [])]],
    ]) {
      try {
        const output = execFileSync(bin(tool), args, { cwd: out, encoding: 'utf8', stdio: 'pipe' });
        process.stdout.write(`${pkg.name}: ${tool} OK\n`);
        if (process.argv.includes('--verbose')) process.stdout.write(output);
      } catch (error) {
        failures.push(`${pkg.name}: ${tool}\n${error.stdout ?? ''}${error.stderr ?? ''}`);
      }
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

if (failures.length > 0) {
  console.error(`\nPublish check: ${failures.length} finding(s)\n\n${failures.join('\n')}`);
  process.exit(1);
}
console.log('Publish check: publint --strict and attw clean for every public package.');
