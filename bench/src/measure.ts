/**
 * Latency measurement: tinybench runs each task (warmup, then a time budget of
 * sequential calls) and gives its per-call p50/p99; the bench repeats the whole
 * set of tasks for several rounds and keeps the median of each statistic, so a
 * GC pause or a noisy neighbour during one round does not decide the result.
 */
import { Bench } from 'tinybench';

/** One thing to time: a single awaited call. */
export interface LatencyTask {
  id: string;
  fn: () => Promise<unknown>;
}

/** How long to measure. */
export interface MeasureSettings {
  /** Rounds over every task; the median round decides. */
  rounds: number;
  /** Time budget per task per round, ms. */
  timeMs: number;
  /** Warmup per task per round, ms. */
  warmupMs: number;
}

/** Per-call latency of one task, in microseconds. */
export interface LatencyStats {
  /** Median over rounds of each round's median. */
  p50Us: number;
  /** Median over rounds of each round's p99. */
  p99Us: number;
  /** Each round's median, to show the spread. */
  roundP50sUs: number[];
  /** Calls timed, all rounds together. */
  samples: number;
}

/** The middle value (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Times every task for `settings.rounds` rounds. Each round starts at a
 * different task so no task always runs first (JIT, heap state) or last.
 * A task that throws aborts the run: a failing contender must not be reported.
 */
export async function measureLatencies(
  tasks: readonly LatencyTask[],
  settings: MeasureSettings,
  onRound?: (round: number) => void,
): Promise<Map<string, LatencyStats>> {
  const perTask = new Map<string, { p50: number[]; p99: number[]; samples: number }>(
    tasks.map((task) => [task.id, { p50: [], p99: [], samples: 0 }]),
  );
  for (let round = 0; round < settings.rounds; round++) {
    onRound?.(round);
    const bench = new Bench({ time: settings.timeMs, warmupTime: settings.warmupMs, throws: true });
    const offset = (round * Math.ceil(tasks.length / settings.rounds)) % tasks.length;
    for (let index = 0; index < tasks.length; index++) {
      const task = tasks[(index + offset) % tasks.length]!;
      bench.add(task.id, task.fn);
    }
    await bench.run();
    for (const task of bench.tasks) {
      const result = task.result;
      if (result.state !== 'completed') throw new Error(`${task.name}: ${result.state}`);
      const entry = perTask.get(task.name)!;
      entry.p50.push(result.latency.p50 * 1000);
      entry.p99.push(result.latency.p99 * 1000);
      entry.samples += task.runs;
    }
  }
  return new Map(
    [...perTask].map(([id, entry]) => [
      id,
      { p50Us: median(entry.p50), p99Us: median(entry.p99), roundP50sUs: entry.p50, samples: entry.samples },
    ]),
  );
}

/**
 * The median over rounds of `numerator / (sum of denominators)`, each taken from the
 * same round. Tasks of one round run seconds apart, so a burst of other work on the
 * machine tends to slow both sides of a ratio together; the median of per-round
 * ratios is steadier than the ratio of two medians taken from different rounds.
 */
export function roundRatio(numerator: LatencyStats, ...denominators: LatencyStats[]): number {
  const ratios = numerator.roundP50sUs.map(
    (value, round) => value / denominators.reduce((sum, stats) => sum + stats.roundP50sUs[round]!, 0),
  );
  return median(ratios);
}
