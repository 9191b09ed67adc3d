/**
 * Training layer speed: checking an answer is a click away from the result, so every checker
 * should answer well within a frame (target < 16 ms; the shutdown goal runs a whole stop
 * simulation). Generating an interview's variants happens once per page (target < 5 ms).
 */
import { checkAnswer } from '../src/sim/training/check';
import { INTERVIEW_PRESETS } from '../src/sim/training/interview';
import { generateVariant } from '../src/sim/training/variants';
import { EXERCISES } from '../src/training/exercises/index';

function timeMs(run: () => void, iterations: number): number {
  for (let k = 0; k < Math.min(5, iterations); k += 1) run();
  const start = performance.now();
  for (let k = 0; k < iterations; k += 1) run();
  return (performance.now() - start) / iterations;
}

let sink = 0;
const slowestByKind = new Map<string, number>();
for (const exercise of EXERCISES) {
  const ms = timeMs(
    () => {
      sink += checkAnswer(exercise, exercise.solution).correct ? 1 : 0;
    },
    exercise.kind === 'shutdown-goal' ? 20 : 200,
  );
  slowestByKind.set(exercise.kind, Math.max(slowestByKind.get(exercise.kind) ?? 0, ms));
}
for (const [kind, ms] of slowestByKind) {
  console.log(`training: check a ${kind} answer: ${ms.toFixed(3)} ms per run (target < 16 ms)`);
}

const preset = INTERVIEW_PRESETS.find((p) => p.id === '60')!;
const chosen = EXERCISES.filter((e) => preset.exerciseIds.includes(e.id));
let seed = 1;
const variantMs = timeMs(() => {
  seed += 1;
  for (const exercise of chosen) sink += generateVariant(exercise, seed).minutes;
}, 2000);
console.log(
  `training: generate the 60-minute interview's variants: ${variantMs.toFixed(4)} ms per run (target < 5 ms)`,
);

if (sink === -1) console.log('unreachable');
