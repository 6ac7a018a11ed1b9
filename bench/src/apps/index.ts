import { expressBench } from './express.js';
import { fastifyBench } from './fastify.js';
import { honoBench } from './hono.js';
import { koaBench } from './koa.js';
import { nestjsBench } from './nestjs.js';
import type { Framework, FrameworkBench } from './types.js';

export type { BenchAdapter, BenchApp, Framework, FrameworkBench, HttpServerHandle } from './types.js';

/** Every framework, in the order the report lists them. */
export const FRAMEWORKS: readonly FrameworkBench[] = [
  expressBench,
  fastifyBench,
  honoBench,
  koaBench,
  nestjsBench,
];

/** The bench of one framework by name. */
export function frameworkBench(name: Framework): FrameworkBench {
  const bench = FRAMEWORKS.find((candidate) => candidate.framework === name);
  if (!bench) throw new Error(`unknown framework ${name}`);
  return bench;
}
