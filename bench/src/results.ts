import type { LoadResult, LoadSettings } from './load.js';
import type { MachineInfo } from './machine.js';
import type { MeasureSettings } from './measure.js';
import type { PerCallResults } from './per-call.js';
import type { ScaleSettings } from './scale.js';
import type { ScaleSample } from './scale-child.js';

/** Everything one bench run measured, as written to `bench/results/*.json` and rendered into the report. */
export interface BenchResults {
  mode: 'full' | 'quick';
  settings: { perCall: MeasureSettings; scale: ScaleSettings; load: LoadSettings };
  machine: MachineInfo;
  /** Absent when the phase was skipped with `--only`. */
  perCall?: PerCallResults;
  scale?: ScaleSample[];
  load?: LoadResult[];
}
