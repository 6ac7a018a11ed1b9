/**
 * Profiles the stateless HTTP tools/call path: `profile.ts <framework> <mcp|raw> [seconds] [era]`
 * starts profile-server.ts under `node --cpu-prof` (profile in bench/results/profiles/),
 * loads it with autocannon (50 connections) and prints calls/s and p50/p99.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { USER_ID } from './business.js';
import { benchScript } from './child.js';
import { eraRequest } from './era-requests.js';

async function main(): Promise<void> {
  const [framework = 'express', mode = 'mcp', seconds = '8', era = '2025-11-25'] = process.argv.slice(2);
  // One folder per run: tsx's loader thread writes a profile of its own beside the main thread's.
  const dir = fileURLToPath(new URL(`../results/profiles/${framework}-${mode}-${era}/`, import.meta.url));
  mkdirSync(dir, { recursive: true });
  const profile = process.env.PROFILE !== '0';
  const child = spawn(
    process.execPath,
    [
      ...(profile ? ['--cpu-prof', '--cpu-prof-dir', dir] : []),
      '--import',
      import.meta.resolve('tsx'),
      benchScript('profile-server.ts'),
      framework,
      mode,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
  const url = chunk.toString().trim();
  const request =
    mode === 'raw'
      ? { method: 'GET' as const }
      : eraRequest(era, 'tools/call', { name: 'get_users_by_id', arguments: { id: USER_ID } });
  const result = await autocannon({ url, connections: 50, duration: Number(seconds), ...request });
  const cpuLine = new Promise<string>((resolve) =>
    child.stdout!.once('data', (data: Buffer) => resolve(String(data))),
  );
  child.kill('SIGTERM');
  const cpuUs = Number((await cpuLine).match(/cpu (\d+)/)?.[1]);
  console.log(
    JSON.stringify({
      framework,
      mode,
      era,
      rps: Math.round(result.requests.average),
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.errors + result.non2xx,
      // Server CPU per answered request (startup excluded): comparable across a loaded machine.
      cpuUsPerCall: Math.round(cpuUs / result.requests.total),
    }),
  );
  await once(child, 'exit');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
