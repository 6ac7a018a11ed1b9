import { expressBench } from './express.js';
import { fastifyBench } from './fastify.js';
import { honoBench } from './hono.js';
import { koaBench } from './koa.js';
import { nestjsBench } from './nestjs.js';
import type { Framework, FrameworkBench } from './types.js';

export type { BenchAdapter, BenchApp, Framework, FrameworkBench, HttpServerHandle } from './types.js';

const ALL_FRAMEWORKS: readonly FrameworkBench[] = [
  expressBench,
  fastifyBench,
  honoBench,
  koaBench,
  nestjsBench,
];

/** `BENCH_FRAMEWORKS=nestjs` (a comma list) keeps a run to some frameworks: see src/nestjs-bench.ts. */
const ONLY = process.env.BENCH_FRAMEWORKS?.split(',').map((name) => name.trim());

/** Every framework (or those `BENCH_FRAMEWORKS` names), in the order the report lists them. */
export const FRAMEWORKS: readonly FrameworkBench[] = ONLY
  ? ALL_FRAMEWORKS.filter((bench) => ONLY.includes(bench.framework))
  : ALL_FRAMEWORKS;

/** The bench of one framework by name. */
export function frameworkBench(name: Framework): FrameworkBench {
  const bench = ALL_FRAMEWORKS.find((candidate) => candidate.framework === name);
  if (!bench) throw new Error(`unknown framework ${name}`);
  return bench;
}
