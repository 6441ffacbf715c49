// Speed of the curve analysis: analyzeCurve on long curves must stay well under 50 ms at 10,000
// points (nothing O(n²) on the whole curve). Prints the median of several timed runs per case,
// and the time of each step on the 10,000-point curve. Run: npm run build && node dist/test/bench/analysis.bench.js
import { analyzeCurve, createRules, savitzkyGolay } from '../../src/analysis/index.js';
import { savitzkyGolayDerivative } from '../../src/analysis/savitzky-golay.js';
import { medianFilter } from '../../src/analysis/smoothing.js';
import { readCurve } from '../../src/analysis/reading.js';
import { regionsFromReading } from '../../src/analysis/regions.js';
import { seededRandom } from '../../src/random.js';
import type { Curve } from '../../src/types.js';

const LIMIT_MS = 50;
const REPEATS = 15;

/** A realistic range test: flat, a descent over ~3 decades, a floor, then an exponential blow-up; noisy. */
function syntheticCurve(n: number, seed: number): Curve {
  const random = seededRandom(seed);
  const lrs: number[] = [];
  const losses: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = -7 + (8 * i) / (n - 1); // log10 lr from 1e-7 to 10
    const fall = 2 / (1 + Math.exp(-(x + 2.5) * 2.5)); // 2.3 → 0.3 around 3e-3
    const blow = x > -0.3 ? Math.expm1((x + 0.3) * 4) : 0;
    const noise = (random() - 0.5) * 0.1 + (random() < 0.01 ? random() * 3 : 0);
    lrs.push(Math.pow(10, x));
    losses.push(2.3 - fall + blow + noise);
  }
  return { lrs, losses };
}

function time(run: () => unknown): { median: number; min: number } {
  run(); // warm-up (JIT)
  const times: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, min: times[0]! };
}

const rows: [string, { median: number; min: number }][] = [];
for (const n of [100, 1_000, 10_000]) {
  const curve = syntheticCurve(n, 1);
  rows.push([`analyzeCurve, 1 run × ${n} points`, time(() => analyzeCurve(curve))]);
}
const runs = [1, 2, 3].map((seed) => syntheticCurve(10_000, seed));
rows.push(['analyzeCurve, 3 runs × 10000 points', time(() => analyzeCurve(runs))]);

const big = syntheticCurve(10_000, 1);
const reading = readCurve(big);
rows.push(['  medianFilter (window 5)', time(() => medianFilter(big.losses, 5))]);
rows.push(['  savitzkyGolay (window 101)', time(() => savitzkyGolay(big.losses))]);
rows.push(['  savitzkyGolayDerivative', time(() => savitzkyGolayDerivative(big.lrs, big.losses))]);
rows.push(['  readCurve', time(() => readCurve(big))]);
rows.push(['  regionsFromReading', time(() => regionsFromReading(reading))]);
for (const [name, rule] of Object.entries(createRules())) {
  rows.push([`  suggester ${name}`, time(() => rule(big))]);
}

const width = Math.max(...rows.map(([label]) => label.length));
console.log(`${'case'.padEnd(width)}  median ms  min ms   (${REPEATS} runs each; shared CPUs make these noisy)`);
for (const [label, { median, min }] of rows) {
  console.log(`${label.padEnd(width)}  ${median.toFixed(2).padStart(9)}  ${min.toFixed(2).padStart(6)}`);
}
const single = rows.find(([label]) => label === 'analyzeCurve, 1 run × 10000 points')![1].median;
console.log(`\n10,000-point analysis: ${single.toFixed(1)} ms median (limit ${LIMIT_MS} ms): ${single < LIMIT_MS ? 'OK' : 'TOO SLOW'}`);
if (single >= LIMIT_MS) process.exitCode = 1;
