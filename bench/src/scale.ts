/**
 * The scale phase: for every framework and app size, a fresh child process
 * builds the app, then the adapter, lists the tools and reports
 * ({@link ScaleSample}). Each point is run `runs` times; the median of each
 * number is kept.
 */
import { FRAMEWORKS, type Framework } from './apps/index.js';
import { runScript } from './child.js';
import { median } from './measure.js';
import type { ScaleSample } from './scale-child.js';

/** App sizes, in routes. */
export const SCALE_SIZES = [10, 100, 1000, 10_000] as const;

/** Which sizes, how many cold runs per point, how many warm lists per run. */
export interface ScaleSettings {
  sizes: readonly number[];
  runs: number;
  listRepeats: number;
}

/** Median over runs of every numeric field of the samples. */
function medianSample(samples: ScaleSample[]): ScaleSample {
  const first = samples[0]!;
  const numeric = (key: keyof ScaleSample) => median(samples.map((sample) => sample[key] as number));
  return {
    framework: first.framework,
    routes: first.routes,
    tools: first.tools,
    appBuildMs: numeric('appBuildMs'),
    buildMs: numeric('buildMs'),
    heapBytes: numeric('heapBytes'),
    rssBytes: numeric('rssBytes'),
    pages: numeric('pages'),
    firstListMs: numeric('firstListMs'),
    listMs: numeric('listMs'),
    walkMs: numeric('walkMs'),
    serverWalkMs: numeric('serverWalkMs'),
    rawHttpWalkMs: numeric('rawHttpWalkMs'),
    listBytes: numeric('listBytes'),
  };
}

/** Runs the scale phase; `log` gets progress lines. */
export async function runScale(settings: ScaleSettings, log: (line: string) => void): Promise<ScaleSample[]> {
  const results: ScaleSample[] = [];
  for (const { framework } of FRAMEWORKS) {
    for (const routes of settings.sizes) {
      const samples: ScaleSample[] = [];
      for (let run = 0; run < settings.runs; run++)
        samples.push(await sampleOnce(framework, routes, settings));
      const sample = medianSample(samples);
      log(
        `  ${framework} ${routes} routes: build ${sample.buildMs.toFixed(1)} ms, tools/list ${sample.listMs.toFixed(1)} ms, whole list ${sample.walkMs.toFixed(1)} ms (server ${sample.serverWalkMs.toFixed(1)} ms)`,
      );
      results.push(sample);
    }
  }
  return results;
}

async function sampleOnce(
  framework: Framework,
  routes: number,
  settings: ScaleSettings,
): Promise<ScaleSample> {
  const stdout = await runScript('scale-child.ts', [framework, String(routes), String(settings.listRepeats)]);
  const line = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as ScaleSample;
}
