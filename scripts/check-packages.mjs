#!/usr/bin/env node
/**
 * What a published package needs beyond its code, checked for every public
 * package of the workspace (part of `check`): the license file and fields the
 * registry page shows, and a README whose links work on the registry, where
 * `../../docs` resolves to nothing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const license = readFileSync(join(root, 'LICENSE'), 'utf8');
const problems = [];

for (const dir of readdirSync(join(root, 'packages'))) {
  const base = join(root, 'packages', dir);
  if (!existsSync(join(base, 'package.json'))) continue;
  const pkg = JSON.parse(readFileSync(join(base, 'package.json'), 'utf8'));
  if (pkg.private) continue;
  const say = (problem) => problems.push(`${pkg.name}: ${problem}`);
  if (pkg.license !== 'MIT') say('"license" must be MIT, as LICENSE says');
  for (const field of ['description', 'repository', 'homepage', 'bugs', 'author']) {
    if (!pkg[field]) say(`no "${field}" field`);
  }
  if (pkg.repository && pkg.repository.directory !== `packages/${dir}`) {
    say(`"repository.directory" must be packages/${dir}`);
  }
  if (!Array.isArray(pkg.keywords) || !pkg.keywords.includes('mcp')) say('"keywords" must include mcp');
  if (!pkg.files?.includes('LICENSE')) say('"files" must list LICENSE');
  if (!existsSync(join(base, 'LICENSE'))) say('no LICENSE file');
  else if (readFileSync(join(base, 'LICENSE'), 'utf8') !== license)
    say('LICENSE differs from the repository LICENSE');
  if (!existsSync(join(base, 'README.md'))) say('no README.md');
  else {
    const readme = readFileSync(join(base, 'README.md'), 'utf8');
    for (const [, target] of readme.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (!/^(https?:|#|mailto:)/.test(target))
        say(`README link "${target}" is relative: it breaks on the registry page`);
    }
  }
}

if (problems.length > 0) {
  console.error(`Package metadata: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(
  'Package metadata: every public package has its license, repository links and registry-safe README.',
);
