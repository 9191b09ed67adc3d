/**
 * Capacity calculator speed: one recompute per slider step (target < 0.1 ms), for the guide's
 * example and for the heaviest preset (PgBouncer, warnings and the three "what fits" searches),
 * plus the input normalisation and the 40-point task chart the widget also runs on each change.
 */
import { computeCapacity, sweepTaskCounts } from '../src/sim/capacity/capacity';
import { CAPACITY_PRESETS, settingsForPreset } from '../src/sim/capacity/capacity-presets';
import { normalizeCapacityInput } from '../src/sim/capacity/normalize-capacity-input';

function timeMs(run: () => void, iterations: number): number {
  for (let k = 0; k < Math.min(1000, iterations); k += 1) run();
  const start = performance.now();
  for (let k = 0; k < iterations; k += 1) run();
  return (performance.now() - start) / iterations;
}

const ITERATIONS = 20_000;
let sink = 0;

for (const preset of CAPACITY_PRESETS) {
  const settings = settingsForPreset(preset.id);
  const ms = timeMs(() => {
    sink += computeCapacity(settings).deployTotal;
  }, ITERATIONS);
  console.log(
    `capacity: recompute "${preset.label}": ${ms.toFixed(4)} ms per run (target < 0.1 ms)`,
  );
}

const guide = settingsForPreset('guide-example');
const perStepMs = timeMs(() => {
  const { settings } = normalizeCapacityInput({ ...guide, workers: 9 });
  sink += computeCapacity(settings).deployTotal;
  sink += sweepTaskCounts(settings, 40).length;
}, ITERATIONS / 4);
console.log(
  `capacity: one slider step (normalise + recompute + 40-point task chart): ${perStepMs.toFixed(4)} ms per run (target < 0.1 ms for the recompute alone)`,
);

if (sink < 0) console.log(sink);
