/**
 * `pnpm bench`: runs the per-call, scale and load phases and writes
 * docs/benchmarks.md, docs/benchmarks.svg and the raw results.
 *
 *   --quick            short durations; writes to bench/results/ instead of docs/
 *   --only a,b         phases to run: per-call, scale, load (default: all)
 *   --report <file>    render the report again from a saved results JSON, measuring nothing
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { renderBarChart } from './chart-svg.js';
import { runLoad } from './load.js';
import { describeMachine, finishMachine } from './machine.js';
import { runPerCall } from './per-call.js';
import { chartOf, renderReport } from './report.js';
import type { BenchResults } from './results.js';
import { runScale, SCALE_SIZES } from './scale.js';

const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));
const DOCS_DIR = join(BENCH_DIR, '..', 'docs');
const RESULTS_DIR = join(BENCH_DIR, 'results');
/** Hand-written reading of the committed run, appended to the report when present. */
const ANALYSIS_FILE = join(BENCH_DIR, 'analysis.md');
const PHASES = ['per-call', 'scale', 'load'] as const;

const SETTINGS: Record<BenchResults['mode'], BenchResults['settings']> = {
  full: {
    perCall: { rounds: 9, timeMs: 400, warmupMs: 100 },
    scale: { sizes: SCALE_SIZES, runs: 3, listRepeats: 5 },
    load: { connections: 50, durationS: 60, warmupS: 30 },
  },
  quick: {
    perCall: { rounds: 3, timeMs: 200, warmupMs: 50 },
    scale: { sizes: SCALE_SIZES, runs: 1, listRepeats: 3 },
    load: { connections: 50, durationS: 5, warmupS: 3 },
  },
};

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

function writeOutputs(results: BenchResults, toDocs: boolean): void {
  const dir = toDocs ? DOCS_DIR : RESULTS_DIR;
  mkdirSync(dir, { recursive: true });
  const chart = chartOf(results);
  const chartFile = chart ? 'benchmarks.svg' : undefined;
  if (chart) writeFileSync(join(dir, 'benchmarks.svg'), renderBarChart(chart));
  let report = renderReport(results, chartFile);
  if (toDocs && existsSync(ANALYSIS_FILE)) report += `\n${readFileSync(ANALYSIS_FILE, 'utf8')}`;
  writeFileSync(join(dir, 'benchmarks.md'), report);
  log(`wrote ${join(dir, 'benchmarks.md')}${chart ? ` and ${join(dir, 'benchmarks.svg')}` : ''}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      report: { type: 'string' },
    },
  });

  if (values.report) {
    // pnpm runs the script in bench/; a relative path means relative to where the command was typed.
    const file = resolve(process.env.INIT_CWD ?? process.cwd(), values.report);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as BenchResults;
    writeOutputs(saved, saved.mode === 'full');
    return;
  }

  const mode: BenchResults['mode'] = values.quick ? 'quick' : 'full';
  const only = values.only?.split(',').map((phase) => phase.trim()) ?? [...PHASES];
  for (const phase of only) {
    if (!PHASES.includes(phase as (typeof PHASES)[number])) throw new Error(`unknown phase ${phase}`);
  }
  const settings = SETTINGS[mode];
  const results: BenchResults = { mode, settings, machine: describeMachine() };
  log(`backend2mcp bench, ${mode} run: ${only.join(', ')}`);
  log(`${results.machine.cpu} x${results.machine.cores}, Node ${results.machine.node}`);

  if (only.includes('per-call')) {
    log('per call:');
    results.perCall = await runPerCall(settings.perCall, log);
  }
  if (only.includes('scale')) {
    log('scale:');
    results.scale = await runScale(settings.scale, log);
  }
  if (only.includes('load')) {
    log('load:');
    results.load = await runLoad(settings.load, log);
  }
  results.machine = finishMachine(results.machine);

  mkdirSync(RESULTS_DIR, { recursive: true });
  const saved = join(RESULTS_DIR, `${mode}-${results.machine.date.replace(/[:.]/g, '-')}.json`);
  writeFileSync(saved, `${JSON.stringify(results, null, 2)}\n`);
  log(`saved ${saved}`);
  // Only a full run of every phase replaces the committed report.
  writeOutputs(results, mode === 'full' && only.length === PHASES.length);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
