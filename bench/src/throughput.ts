/**
 * The throughput table (issue 21): calls/s and p50/p99 at 50 connections over
 * loopback HTTP, each contender in its own process (profile-server.ts):
 * the framework's own route (`GET /users/1`, no MCP), backend2mcp's `listen()`
 * with the fast path and with it off, and the hand-written SDK server, for
 * both protocol revisions. Every response body is checked. Also reports the
 * server's CPU time per answered call, which a machine shared with other work
 * stretches far less than wall-clock throughput.
 *
 * `tsx src/throughput.ts [seconds=5] [warmup=2] [frameworks=express,fastify,hono,koa]`
 * writes bench/results/throughput-<date>.json and prints a markdown table.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { USER_ID } from './business.js';
import { benchScript } from './child.js';
import { ERAS, eraRequest } from './era-requests.js';

type Mode = 'raw' | 'mcp' | 'mcp-sdk' | 'handwritten';

export interface ThroughputRow {
  framework: string;
  mode: Mode;
  era: string | undefined;
  callsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  total: number;
  cpuUsPerCall: number;
}

/** A good answer: the user as structured content (MCP) or as the body (raw), never an error. */
function goodBody(mode: Mode) {
  return (raw: string | Buffer | undefined) => {
    const body = String(raw ?? '');
    if (mode === 'raw') return body.includes('"id":"1"');
    return body.includes('"structuredContent":{"id":"1"') && !body.includes('"isError":true');
  };
}

async function measure(
  framework: string,
  mode: Mode,
  era: string | undefined,
  seconds: number,
  warmup: number,
) {
  const child = spawn(
    process.execPath,
    ['--import', import.meta.resolve('tsx'), benchScript('profile-server.ts'), framework, mode],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  try {
    const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
    const url = chunk.toString().trim();
    const request =
      mode === 'raw'
        ? { method: 'GET' as const }
        : eraRequest(era!, 'tools/call', { name: 'get_users_by_id', arguments: { id: USER_ID } });
    const options = { url, connections: 50, ...request, verifyBody: goodBody(mode) };
    await autocannon({ ...options, duration: warmup });
    // Server CPU is counted from here: the child reports it on SIGTERM (its total minus this mark).
    const mark = new Promise<string>((resolve) =>
      child.stdout!.once('data', (data: Buffer) => resolve(String(data))),
    );
    child.kill('SIGUSR2');
    const startCpu = Number((await mark).match(/cpu (\d+)/)?.[1]);
    const result = await autocannon({ ...options, duration: seconds });
    const end = new Promise<string>((resolve) =>
      child.stdout!.once('data', (data: Buffer) => resolve(String(data))),
    );
    child.kill('SIGTERM');
    const endCpu = Number((await end).match(/cpu (\d+)/)?.[1]);
    return {
      framework,
      mode,
      era,
      callsPerSecond: Math.round(result.requests.average),
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      errors: result.errors + result.non2xx + result.mismatches,
      total: result.requests.total,
      cpuUsPerCall: Math.round((endCpu - startCpu) / Math.max(1, result.requests.total)),
    } satisfies ThroughputRow;
  } finally {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  }
}

function table(rows: ThroughputRow[]): string {
  const lines = [
    '| framework | revision | contender | calls/s | p50 ms | p99 ms | errors | server CPU µs/call | calls/s vs raw route | p99 vs raw route |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const names: Record<Mode, string> = {
    raw: 'raw route (plain HTTP, no MCP)',
    mcp: '**backend2mcp `listen()`**',
    'mcp-sdk': 'backend2mcp, `fastPath: false`',
    handwritten: 'hand-written SDK server',
  };
  for (const row of rows) {
    const raw = rows.find((candidate) => candidate.framework === row.framework && candidate.mode === 'raw');
    const ratio = raw && row.mode !== 'raw' ? (row.callsPerSecond / raw.callsPerSecond).toFixed(2) : '';
    const p99 = raw && row.mode !== 'raw' ? `${(row.p99Ms / Math.max(1, raw.p99Ms)).toFixed(1)}x` : '';
    lines.push(
      `| ${row.framework} | ${row.era ?? '-'} | ${names[row.mode]} | ${row.callsPerSecond} | ${row.p50Ms} | ${row.p99Ms} | ${row.errors} | ${row.cpuUsPerCall} | ${ratio} | ${p99} |`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const [seconds = '5', warmup = '2', list = 'express,fastify,hono,koa'] = process.argv.slice(2);
  const loadStart = loadavg()[0]!;
  const rows: ThroughputRow[] = [];
  for (const framework of list.split(',')) {
    rows.push(await measure(framework, 'raw', undefined, Number(seconds), Number(warmup)));
    for (const era of ERAS) {
      for (const mode of ['mcp', 'mcp-sdk'] as const) {
        rows.push(await measure(framework, mode, era, Number(seconds), Number(warmup)));
      }
    }
    console.error(`${framework} done`);
    // Each framework's rows as soon as they are measured: a long run that fails late keeps what it had.
    console.error(table(rows.filter((row) => row.framework === framework)));
  }
  for (const era of ERAS)
    rows.push(await measure('handwritten', 'handwritten', era, Number(seconds), Number(warmup)));
  const loadEnd = loadavg()[0]!;
  const dir = fileURLToPath(new URL('../results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const file = `${dir}throughput-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  writeFileSync(file, JSON.stringify({ seconds, warmup, loadStart, loadEnd, rows }, null, 2));
  console.log(table(rows));
  console.log(
    `\n1-minute load average: ${loadStart.toFixed(1)} at start, ${loadEnd.toFixed(1)} at end. Raw: ${file}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
