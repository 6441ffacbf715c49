// The sizes lrfind accepts. Past them it refuses with a message naming the limit, instead of
// allocating gigabytes or running for hours: measured, a 70,000-point curve reads in about 6 s on one
// core (its smoothing window grows with the curve), and a schedule's table, CSV and chart are built
// in memory (a 10-million-step CSV took 4.3 GB).

/** Steps of one range-test sweep (`numIter`): a thousand times the usual 100. */
export const MAX_SWEEP_STEPS = 100_000;

/** Repeats of a range test (`runs`): their median steadies past 3–5; 100 is far beyond any use. */
export const MAX_RUNS = 100;

/** Points of a curve `analyzeCurve` reads (a CSV or JSON from elsewhere, or one run). */
export const MAX_CURVE_POINTS = 100_000;

/** Steps of a schedule written out as a table (`scheduleTable`, `lrfind schedule --format/--out`). */
export const MAX_SCHEDULE_STEPS = 1_000_000;

/** 100000 → "100,000": limits as messages print them. */
export const formatCount = (n: number): string => n.toLocaleString('en-US');
