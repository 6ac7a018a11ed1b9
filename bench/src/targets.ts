/**
 * The targets, checked against the measured numbers. Each check says
 * what was measured next to the bar, so the report shows misses as plainly as hits.
 */
import { FRAMEWORKS } from './apps/index.js';
import type { LoadResult } from './load.js';
import { roundRatio } from './measure.js';
import type { PerCallResults, RouteKind } from './per-call.js';
import type { BenchResults } from './results.js';
import type { ScaleSample } from './scale-child.js';

/** One target and how this run did against it. */
export interface TargetCheck {
  target: string;
  measured: string;
  /** undefined when the run did not measure it (phase skipped). */
  met: boolean | undefined;
}

/** A rule of this file: the tools/list latency bar at 10,000 routes. */
export const LIST_10K_LIMIT_MS = 200;
/** Build time counts as linear when the per-route cost at 10,000 routes is at most this many times the cost at 1,000. */
export const LINEAR_TOLERANCE = 1.5;
/** Load run: retained heap (after full GC) may grow by at most this much over the run. */
export const HEAP_GROWTH_LIMIT_BYTES = 5 * 2 ** 20;
/** Load run: mean RSS over the last quarter may exceed that over the third quarter by at most this fraction. */
export const LATE_RSS_GROWTH_LIMIT = 0.05;

const ROUTES: RouteKind[] = ['get', 'post'];
const x = (value: number) => `${value.toFixed(2)}x`;

/** backend2mcp InMemory over (floor + hand-written SDK InMemory), median of per-round ratios. */
export function overheadRatio(perCall: PerCallResults, framework: string, route: RouteKind): number {
  const row = perCall.frameworks[framework as keyof PerCallResults['frameworks']];
  return roundRatio(row.inMemory[route], row.floor[route], row.handwrittenRef[route]);
}

/** Peer proxy (stdio) over backend2mcp InMemory: how many times faster backend2mcp is; median of per-round ratios. */
export function peerSpeedup(perCall: PerCallResults, framework: string, route: RouteKind): number {
  const row = perCall.frameworks[framework as keyof PerCallResults['frameworks']];
  return roundRatio(row.peer[route], row.inMemory[route]);
}

/** Per-route build time at 10,000 routes over that at 1,000. */
export function buildGrowth(scale: readonly ScaleSample[], framework: string): number | undefined {
  const at = (routes: number) => scale.find((s) => s.framework === framework && s.routes === routes);
  const small = at(1000);
  const large = at(10_000);
  if (!small || !large) return undefined;
  return large.buildMs / large.routes / (small.buildMs / small.routes);
}

/** One `tools/list` request, and the server's share of the whole list, are both under the bar. */
export function listTargetMet(sample: ScaleSample): boolean {
  return sample.listMs < LIST_10K_LIMIT_MS && sample.serverWalkMs < LIST_10K_LIMIT_MS;
}

/** RSS growth from the third to the last quarter of the load run, as a fraction. */
export function lateRssGrowth(result: LoadResult): number {
  return result.rssLastQuarterBytes / result.rssThirdQuarterBytes - 1;
}

/** Whether a load result shows no memory growth trend, by this file's two limits. */
export function noGrowthTrend(result: LoadResult): boolean {
  return (
    result.heapAfterBytes - result.heapBeforeBytes < HEAP_GROWTH_LIMIT_BYTES &&
    lateRssGrowth(result) < LATE_RSS_GROWTH_LIMIT
  );
}

function perFramework(
  values: Array<{ label: string; value: number; ok: boolean }>,
): Pick<TargetCheck, 'measured' | 'met'> {
  return {
    measured: values.map(({ label, value, ok }) => `${label} ${x(value)}${ok ? '' : ' (missed)'}`).join(', '),
    met: values.every(({ ok }) => ok),
  };
}

/** Every target of the issue, checked. */
export function checkTargets(results: BenchResults): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const { perCall, scale, load } = results;
  const names = FRAMEWORKS.map(({ framework }) => framework);

  checks.push({
    target: 'InMemory `tools/call` within 2x of floor + hand-written SDK cost (per framework, GET / POST)',
    ...(perCall
      ? perFramework(
          names.flatMap((framework) =>
            ROUTES.map((route) => {
              const value = overheadRatio(perCall, framework, route);
              return { label: `${framework} ${route.toUpperCase()}`, value, ok: value <= 2 };
            }),
          ),
        )
      : { measured: 'not run', met: undefined }),
  });

  checks.push({
    target: 'InMemory `tools/call` at least 3x faster than the peer proxy (peer ÷ backend2mcp)',
    ...(perCall
      ? perFramework(
          names.flatMap((framework) =>
            ROUTES.map((route) => {
              const value = peerSpeedup(perCall, framework, route);
              return { label: `${framework} ${route.toUpperCase()}`, value, ok: value >= 3 };
            }),
          ),
        )
      : { measured: 'not run', met: undefined }),
  });

  const lists = names.map((framework) =>
    scale?.find((s) => s.framework === framework && s.routes === 10_000),
  );
  checks.push({
    target:
      `\`tools/list\` on 10,000 routes under ${LIST_10K_LIMIT_MS} ms: one request through the SDK client (InMemory, warm), ` +
      'and the server answering every page of the list (in process, no client); the SDK client walking the whole list is shown beside',
    measured: lists.every(Boolean)
      ? lists
          .map((sample) => {
            const ok = listTargetMet(sample!);
            return (
              `${sample!.framework} request ${sample!.listMs.toFixed(1)} ms, whole list ${sample!.serverWalkMs.toFixed(0)} ms ` +
              `(SDK client walk ${sample!.walkMs.toFixed(0)} ms)${ok ? '' : ' (missed)'}`
            );
          })
          .join('; ')
      : 'not run',
    met: lists.every(Boolean) ? lists.every((sample) => listTargetMet(sample!)) : undefined,
  });

  const growth = names.map((framework) => ({
    framework,
    value: scale ? buildGrowth(scale, framework) : undefined,
  }));
  checks.push({
    target: `Build time linear in routes (per-route cost at 10,000 within ${LINEAR_TOLERANCE}x of that at 1,000)`,
    ...(growth.every(({ value }) => value !== undefined)
      ? perFramework(
          growth.map(({ framework, value }) => ({
            label: framework,
            value: value!,
            ok: value! <= LINEAR_TOLERANCE,
          })),
        )
      : { measured: 'not run', met: undefined }),
  });

  checks.push({
    target: 'Zero errors under load',
    measured: load ? load.map((result) => `${result.framework} ${result.errors}`).join(', ') : 'not run',
    met: load ? load.every((result) => result.errors === 0) : undefined,
  });

  checks.push({
    target:
      `No RSS growth trend under load (retained heap after full GC grows <${HEAP_GROWTH_LIMIT_BYTES / 2 ** 20} MB from idle to after the run, ` +
      `and mean RSS of the last quarter <${LATE_RSS_GROWTH_LIMIT * 100}% above the third quarter)`,
    measured: load
      ? load
          .map(
            (result) =>
              `${result.framework} heap ${signedMb(result.heapAfterBytes - result.heapBeforeBytes)}, ` +
              `late RSS ${percent(lateRssGrowth(result))}${noGrowthTrend(result) ? '' : ' (missed)'}`,
          )
          .join('; ')
      : 'not run',
    met: load ? load.every(noGrowthTrend) : undefined,
  });
  return checks;
}

/** A fraction as a signed percentage. */
export function percent(fraction: number): string {
  return `${fraction >= 0 ? '+' : ''}${(fraction * 100).toFixed(1)}%`;
}

/** Bytes as signed MB with one decimal. */
export function signedMb(bytes: number): string {
  const mb = bytes / 2 ** 20;
  return `${mb >= 0 ? '+' : ''}${mb.toFixed(1)} MB`;
}
