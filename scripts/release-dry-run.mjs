#!/usr/bin/env node
/**
 * The release, rehearsed (part of `check`): on a copy of the repository,
 * `changeset version` consumes the pending changesets, then `pnpm publish
 * --dry-run` packs every public package as the registry would receive it.
 * Asserts the release rules of docs/releasing.md: all public packages share one
 * version (changesets `fixed` group) and depend on each other by that exact
 * version. Needs the packages built (dist is copied with the sources).
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const copy = mkdtempSync(join(tmpdir(), 'backend2mcp-release-'));
const run = (command, args, cwd = copy) =>
  execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

try {
  // The tracked files plus each package's build, not node_modules: what a release job checks out and builds.
  const tracked = run('git', ['ls-files', '-z'], root).split('\0').filter(Boolean);
  for (const file of tracked) {
    if (!existsSync(join(root, file))) continue; // deleted in the working tree
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(join(root, file), join(copy, file));
  }
  const packages = readdirSync(join(root, 'packages'))
    .filter((dir) => existsSync(join(root, 'packages', dir, 'package.json')))
    .map((dir) => ({
      dir,
      pkg: JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')),
    }))
    .filter(({ pkg }) => !pkg.private);
  for (const { dir } of packages) {
    const from = join(root, 'packages', dir);
    const to = join(copy, 'packages', dir);
    if (existsSync(join(from, 'dist'))) cpSync(join(from, 'dist'), join(to, 'dist'), { recursive: true });
    // pnpm resolves `workspace:*` through the package's installed links (they point at the real
    // checkout, so the packed manifests name today's versions; the rule itself is asserted above).
    symlinkSync(join(from, 'node_modules'), join(to, 'node_modules'), 'dir');
  }
  // The real checkout's node_modules serve the copy's tools (changeset's config and changelog modules).
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');

  const pending = readdirSync(join(copy, '.changeset')).filter(
    (file) => file.endsWith('.md') && file !== 'README.md',
  );
  run(join(copy, 'node_modules', '.bin', 'changeset'), ['version']);

  const problems = [];
  const versions = new Set();
  for (const { dir, pkg } of packages) {
    const released = JSON.parse(readFileSync(join(copy, 'packages', dir, 'package.json'), 'utf8'));
    versions.add(released.version);
    if (pending.length > 0 && released.version === pkg.version)
      problems.push(`${pkg.name}: version not bumped`);
    for (const [name, range] of Object.entries(released.dependencies ?? {})) {
      if (name.startsWith('@backend2mcp/') && range !== 'workspace:*') {
        problems.push(`${pkg.name}: depends on ${name} by "${range}", not workspace:* (the exact version)`);
      }
    }
  }
  if (versions.size !== 1)
    problems.push(`public packages do not share one version: ${[...versions].join(', ')}`);

  // Every public package packs and "publishes" (nothing leaves the machine with --dry-run).
  for (const { dir, pkg } of packages) {
    try {
      run(
        'npx',
        ['--yes', 'pnpm@10.34.9', 'publish', '--dry-run', '--no-git-checks'],
        join(copy, 'packages', dir),
      );
    } catch (error) {
      problems.push(
        `${pkg.name}: publish --dry-run failed\n${error.stdout ?? ''}${error.stderr ?? error.message}`,
      );
    }
  }

  if (problems.length > 0) {
    console.error(`Release dry run: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log(
    `Release dry run: ${pending.length} changeset(s) -> ${[...versions][0]} for ${packages.length} packages; publish --dry-run OK for each.`,
  );
} finally {
  rmSync(copy, { recursive: true, force: true });
}
