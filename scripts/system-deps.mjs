#!/usr/bin/env node
// Makes sure the system programs some tests run for real are present: a Redis
// server (shared sessions) and Python web backends (the OpenAPI adapter's
// FastAPI, Flask and Django REST framework apps). They come from Debian's
// packages; on a machine that lacks them and lets us install (root + apt-get),
// they are installed, otherwise the script says what to install and fails.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Debian packages, each with the check that proves it is usable. */
const REQUIREMENTS = [
  { packages: ['redis-server'], present: () => commandWorks('redis-server', ['--version']) },
  {
    packages: [
      'python3-fastapi',
      'python3-uvicorn',
      'python3-flask',
      'python3-flasgger',
      'python3-apispec',
      'python3-django',
      'python3-djangorestframework',
      'python3-yaml',
      // Django REST framework's OpenAPI schema view needs it.
      'python3-uritemplate',
    ],
    present: () =>
      commandWorks('/usr/bin/python3', [
        '-c',
        'import fastapi, uvicorn, flask, flasgger, apispec, django, rest_framework, yaml, uritemplate',
      ]),
  },
];

function commandWorks(command, args) {
  const run = spawnSync(command, args, { stdio: 'ignore' });
  return run.status === 0;
}

const missing = REQUIREMENTS.filter((requirement) => !requirement.present()).flatMap((r) => r.packages);
if (missing.length === 0) process.exit(0);

const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
if (!canInstall) {
  console.error(
    `system-deps: missing Debian packages ${missing.join(' ')}; install them (apt-get install -y ${missing.join(' ')}) and run again.`,
  );
  process.exit(1);
}
console.error(`system-deps: installing ${missing.join(' ')} from Debian's packages`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
for (const args of [
  ['update', '-qq'],
  ['install', '-y', '-qq', '--no-install-recommends', ...missing],
]) {
  const run = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env });
  if (run.status !== 0) {
    console.error(`system-deps: apt-get ${args[0]} failed (exit ${run.status}).`);
    process.exit(1);
  }
}
const stillMissing = REQUIREMENTS.filter((requirement) => !requirement.present()).flatMap((r) => r.packages);
if (stillMissing.length > 0) {
  console.error(`system-deps: still unusable after install: ${stillMissing.join(' ')}.`);
  process.exit(1);
}
