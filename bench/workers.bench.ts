/**
 * Worker-model simulation speed. The target from issue 9: 100,000 simulated requests in under
 * 300 ms. Measured for each story preset (sync CPU-bound, gevent IO-heavy, gthread with a slow
 * endpoint and a starved pool), as the median of five runs, plus everything one settings change
 * costs in the widget (main run, 10 s replay and the latency-vs-load sweep; it runs in a Web
 * Worker, so this is time to an answer rather than time the page is blocked), and the async-view
 * recompute.
 */
import {
  WORKER_PRESETS,
  buildScenario,
  compareAsyncView,
  ASYNC_VIEW_DEFAULTS,
  simulateWorkers,
  sweepLoad,
  type WorkerSettings,
} from '../src/sim/workers';

function medianMs(run: () => void, times: number): number {
  run();
  const samples: number[] = [];
  for (let k = 0; k < times; k++) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

let sink = 0;
const REQUESTS = 100_000;
const cases: readonly { label: string; settings: WorkerSettings }[] = [
  { label: 'CPU-bound API, 4 sync workers on 2 cores', settings: WORKER_PRESETS['cpu-bound'] },
  {
    label: 'IO-heavy API, 4 gevent workers',
    settings: { ...WORKER_PRESETS['io-heavy'], workerClass: 'gevent' },
  },
  { label: 'slow endpoint, 2 gthread × 16, pool 5+0', settings: WORKER_PRESETS['slow-endpoint'] },
];

for (const { label, settings } of cases) {
  const scenario = buildScenario(settings, { durationMs: 1e12, maxRequests: REQUESTS });
  const ms = medianMs(() => {
    const result = simulateWorkers(scenario);
    if (result.arrivals !== REQUESTS)
      throw new Error(`expected ${REQUESTS} arrivals, got ${result.arrivals}`);
    sink += result.latencyMs.p95;
  }, 5);
  console.log(
    `workers: ${REQUESTS.toLocaleString('en-US')} requests, ${label}: ${ms.toFixed(1)} ms (target < 300 ms)`,
  );
}

for (const name of ['cpu-bound', 'io-heavy', 'slow-endpoint'] as const) {
  const settings = WORKER_PRESETS[name];
  const ms = medianMs(() => {
    sink += simulateWorkers(buildScenario(settings)).throughputPerSecond;
    sink += simulateWorkers(
      buildScenario(settings, { durationMs: 10_000, recordProcesses: true }),
    ).arrivals;
    sink += sweepLoad(settings).points.length;
  }, 3);
  console.log(
    `workers: one settings change in the "${name}" story (run + replay + sweep, in a Web Worker): ${ms.toFixed(0)} ms (target < 1000 ms)`,
  );
}

const asyncMs =
  medianMs(() => {
    for (let k = 0; k < 1000; k++) sink += compareAsyncView(ASYNC_VIEW_DEFAULTS).gather.makespanMs;
  }, 5) / 1000;
console.log(
  `workers: async-view recompute (sequential + gather): ${asyncMs.toFixed(4)} ms per run (target < 1 ms)`,
);

if (sink < 0) console.log(sink);
