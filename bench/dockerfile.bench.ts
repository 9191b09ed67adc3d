/**
 * Dockerfile checker speed: a typical 60-line Dockerfile (target < 5 ms per check) and a 1 MB
 * paste (target < 200 ms), plus "apply all safe fixes" on a broken example.
 */
import { applyAllFixes, checkDockerfile } from '../src/sim/dockerfile/index';
import { EXAMPLES, GOOD_DOCKERFILE, GOOD_DOCKERIGNORE } from '../src/sim/dockerfile/examples';
import { realisticText } from './dockerfile-main-thread.browser.mjs';

/** Wall-clock ms per run. On a shared, loaded machine wall time overstates the cost, so the
 * bench also prints the process CPU time per run (which includes parallel GC threads). */
let lastCpuMs = 0;
function timeMs(run: () => void, iterations: number): number {
  for (let k = 0; k < Math.min(5, iterations); k += 1) run();
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let k = 0; k < iterations; k += 1) run();
  const used = process.cpuUsage(cpu);
  lastCpuMs = (used.user + used.system) / 1000 / iterations;
  return (performance.now() - start) / iterations;
}
/** Median and fastest wall-clock ms of single runs: for the slow cases, where one noisy run would skew a mean. */
function spreadMs(run: () => void, runs: number): { median: number; min: number } {
  run();
  const times: number[] = [];
  for (let k = 0; k < runs; k += 1) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(runs / 2)]!, min: times[0]! };
}
const cpuNote = (): string => `, ${lastCpuMs.toFixed(lastCpuMs < 10 ? 3 : 1)} ms CPU`;

// About 60 lines: the guide's file plus comments and a few extra instructions.
const extra = Array.from(
  { length: 14 },
  (_, k) => `LABEL org.example.note${k}="line ${k}"\n# comment ${k}`,
).join('\n');
const typical = `${GOOD_DOCKERFILE}${extra}\n`;
const lineCount = typical.split('\n').length;

// The same 1 MB of RUN and ENV lines the browser bench pastes into the page.
const megabyte = realisticText();
const megabyteLines = megabyte.split('\n');
const oneLine = `FROM python:3.12-slim\nRUN echo ${'x'.repeat(1024 * 1024)}\n`;

const typicalMs = timeMs(() => checkDockerfile(typical, { dockerignore: GOOD_DOCKERIGNORE }), 300);
console.log(
  `dockerfile: check a typical ${lineCount}-line Dockerfile: ${typicalMs.toFixed(3)} ms per run${cpuNote()} (target < 5 ms)`,
);
const big = spreadMs(() => checkDockerfile(megabyte), 11);
console.log(
  `dockerfile: check a 1 MB Dockerfile (${megabyteLines.length} lines): median ${big.median.toFixed(1)} ms, fastest ${big.min.toFixed(1)} ms over 11 runs (target < 200 ms)`,
);
const lineMs = timeMs(() => checkDockerfile(oneLine), 5);
console.log(
  `dockerfile: check a 1 MB single-line RUN: ${lineMs.toFixed(1)} ms per run${cpuNote()} (target < 200 ms)`,
);
const broken = EXAMPLES.find((e) => e.id === 'shell-form')!;
const fixMs = timeMs(
  () => applyAllFixes({ dockerfile: broken.dockerfile, dockerignore: broken.dockerignore }),
  100,
);
console.log(
  `dockerfile: apply all safe fixes to the shell-form example: ${fixMs.toFixed(3)} ms per run${cpuNote()} (target < 20 ms)`,
);
