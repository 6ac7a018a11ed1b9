/**
 * The NestJS rows alone: `BENCH_FRAMEWORKS=nestjs tsx src/nestjs-bench.ts [--quick]`.
 *
 * - per call: the regular per-call phase, kept to NestJS by `BENCH_FRAMEWORKS`
 *   (floor, callTool, InMemory, Streamable HTTP, loopback HTTP, the peer, and
 *   the hand-written server beside it);
 * - load: the regular load run of backend2mcp's `listen()` (`tools/call
 *   get_users_by_id`), then its floor: the same route (`GET /users/:id`) through
 *   Nest without MCP, over HTTP, with the same connections and durations,
 *   each response body checked.
 *
 * Writes bench/results/nestjs-<mode>-<date>.json; docs/benchmarks.md's NestJS
 * section is written by hand from it (ratios within this one run).
 */
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { USER_ID } from './business.js';
import { forkScript } from './child.js';
import { loadOne } from './load.js';
import { describeMachine, finishMachine } from './machine.js';
import { runPerCall } from './per-call.js';

const RESULTS_DIR = fileURLToPath(new URL('../results', import.meta.url));

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

const SETTINGS = {
  full: {
    perCall: { rounds: 9, timeMs: 400, warmupMs: 100 },
    load: { connections: 50, durationS: 60, warmupS: 30 },
  },
  quick: {
    perCall: { rounds: 3, timeMs: 200, warmupMs: 50 },
    load: { connections: 50, durationS: 5, warmupS: 3 },
  },
};

/** The floor under load: autocannon on `GET /users/:id` through Nest, without MCP. */
async function loadFloor(settings: { connections: number; durationS: number; warmupS: number }) {
  const child = forkScript('nestjs-floor-server.ts', []);
  try {
    const baseUrl = await new Promise<string>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`floor server exited with ${code}`)));
      child.once('message', (message: { url: string }) => resolve(message.url));
    });
    const url = `${baseUrl}/users/${USER_ID}`;
    const probe = await fetch(url);
    const probeBody = await probe.text();
    if (probe.status !== 200 || !probeBody.includes('"id":"1"')) {
      throw new Error(`floor GET failed: ${probe.status} ${probeBody.slice(0, 200)}`);
    }
    const fire = (duration: number) =>
      autocannon({
        url,
        connections: settings.connections,
        duration,
        verifyBody: (body: string | Buffer | undefined) => String(body ?? '').includes('"id":"1"'),
      });
    log(`  nestjs floor: warmup ${settings.warmupS}s`);
    await fire(settings.warmupS);
    log(`  nestjs floor: ${settings.connections} connections for ${settings.durationS}s`);
    const result = await fire(settings.durationS);
    return {
      connections: settings.connections,
      durationS: settings.durationS,
      callsPerSecond: result.requests.average,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      totalCalls: result.requests.total,
      errors: result.errors + result.non2xx + result.mismatches,
    };
  } finally {
    await stop(child);
  }
}

async function stop(child: ChildProcess) {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = once(child, 'exit');
    child.disconnect();
    await exited;
  }
}

async function main(): Promise<void> {
  if (process.env.BENCH_FRAMEWORKS !== 'nestjs') {
    throw new Error('run with BENCH_FRAMEWORKS=nestjs, so the per-call phase keeps to NestJS');
  }
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
  const mode = values.quick ? 'quick' : 'full';
  const settings = SETTINGS[mode];
  const machine = describeMachine();
  const loadStart = loadavg();
  log(`NestJS bench, ${mode}: load average ${loadStart.map((n) => n.toFixed(2)).join(' ')}`);
  log('per call:');
  const perCall = await runPerCall(settings.perCall, log);
  log('load:');
  const load = await loadOne('nestjs', settings.load, log);
  const floor = await loadFloor(settings.load);
  const results = {
    mode,
    settings,
    machine: finishMachine(machine),
    loadAverage: { start: loadStart, end: loadavg() },
    perCall,
    load: { mcp: load, floor },
  };
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `nestjs-${mode}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  log(`saved ${file}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
