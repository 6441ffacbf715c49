// Several runs of the range test → one median curve and a spread band on a common lr grid.
import type { Curve, CurveAggregate } from '../types.js';
import { AnalysisError } from './errors.js';
import { sortedQuantile } from './statistics.js';
import { maxOf } from '../numbers.js';

export interface AggregateOptions {
  /**
   * The spread band around the median: 'iqr' is the 25th–75th percentile across runs, 'range' the
   * lowest and highest loss.
   * @default 'iqr'
   */
  band?: 'iqr' | 'range';
}

export function checkAggregateOptions(options: AggregateOptions): void {
  if (options.band !== undefined && options.band !== 'iqr' && options.band !== 'range') {
    throw new RangeError(`band must be 'iqr' or 'range', got ${String(options.band)}`);
  }
}

/** Each run's loss at `lr` (linear in log10 lr); +Infinity past the run's last lr. */
class RunReader {
  private next = 1;
  constructor(private readonly run: Curve) {}

  /** lrs must be asked in increasing order, from the run's first lr on. */
  at(lr: number): number {
    const { lrs, losses } = this.run;
    const last = lrs.length - 1;
    if (lr > lrs[last]!) return Infinity;
    if (lr === lrs[last]) return losses[last]!;
    while (this.next < last && lrs[this.next]! <= lr) this.next++;
    const a = this.next - 1;
    const b = this.next;
    if (lr <= lrs[a]!) return losses[a]!;
    const t = (Math.log10(lr) - Math.log10(lrs[a]!)) / (Math.log10(lrs[b]!) - Math.log10(lrs[a]!));
    return losses[a]! + t * (losses[b]! - losses[a]!);
  }
}

/**
 * Median and spread of cleaned runs (finite, increasing lrs; see `prepareCurve`).
 * The grid is the lrs of the run with the most points from the latest start on, so runs of the same
 * sweep are compared point by point without interpolation. A run that ended earlier is taken to have
 * stopped because it diverged and counts as +∞ past its end: the median curve stops where more than
 * half the runs have stopped (it is the median of the survivors and the stopped, not of the
 * survivors alone). Where the band's top would be infinite it shows the highest finite loss.
 */
export function aggregateRuns(runs: readonly Curve[], options: AggregateOptions = {}): CurveAggregate {
  checkAggregateOptions(options);
  if (runs.length === 0) throw new AnalysisError('no-runs', 'no runs to aggregate');
  const start = maxOf(runs.map((run) => run.lrs[0]!));
  let reference: number[] = [];
  for (const run of runs) {
    const from = run.lrs.filter((lr) => lr >= start);
    if (from.length > reference.length) reference = from;
  }
  const readers = runs.map((run) => new RunReader(run));
  const band = options.band ?? 'iqr';
  const result: CurveAggregate = { lrs: [], median: [], lower: [], upper: [] };
  for (const lr of reference) {
    const values = readers.map((reader) => reader.at(lr)).sort((a, b) => a - b);
    const mid = sortedQuantile(values, 0.5);
    if (!Number.isFinite(mid)) break;
    const finite = values.filter(Number.isFinite);
    const highest = finite[finite.length - 1]!;
    const upper = band === 'iqr' ? sortedQuantile(values, 0.75) : highest;
    result.lrs.push(lr);
    result.median.push(mid);
    result.lower.push(band === 'iqr' ? sortedQuantile(values, 0.25) : finite[0]!);
    result.upper.push(Number.isFinite(upper) ? upper : highest);
  }
  if (result.lrs.length < 2) {
    throw new AnalysisError('too-few-points', `the runs' median curve has ${result.lrs.length} point${result.lrs.length === 1 ? '' : 's'}: the runs barely overlap`);
  }
  return result;
}
