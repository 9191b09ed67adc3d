/**
 * Keep-alive model speed: the widget recomputes on every control change (target < 16 ms, one
 * frame, for the default scenario and for the heaviest one the limits allow), the hourly
 * estimate alone, and the per-request model on the real-run scenarios and on a long list.
 */
import { createRandom, sampleExponential } from '../src/sim/random';
import {
  LINK_DELAY_SECONDS,
  REAL_SCENARIOS,
  laneConfig,
} from '../src/sim/keepalive/real-scenarios';
import { simulateKeepAliveRequests } from '../src/sim/keepalive/timing';
import {
  KEEPALIVE_LIMITS,
  createDefaultKeepAliveScenario,
  viewKeepAlive,
} from '../src/sim/keepalive/widget-state';

function timeMs(run: () => void, iterations: number): number {
  for (let k = 0; k < Math.min(5, iterations); k += 1) run();
  const start = performance.now();
  for (let k = 0; k < iterations; k += 1) run();
  return (performance.now() - start) / iterations;
}

let sink = 0;
const d = createDefaultKeepAliveScenario();
const heaviest = {
  ...d,
  requestsPerSecond: KEEPALIVE_LIMITS.requestsPerSecond[1],
  connections: KEEPALIVE_LIMITS.connections[1],
};
for (const [label, scenario, n] of [
  ['default (8 /s, 20 connections)', d, 50],
  [
    'gevent, nginx',
    { ...d, worker: 'gevent' as const, proxy: 'nginx' as const, retry: 'idempotent' as const },
    50,
  ],
  ['heaviest (500 /s, 200 connections)', heaviest, 10],
] as const) {
  const ms = timeMs(() => {
    sink += viewKeepAlive(scenario).estimate.badGatewaysPerHour;
  }, n);
  console.log(`keepalive: widget recompute, ${label}: ${ms.toFixed(2)} ms (target < 16 ms)`);
}

const realMs = timeMs(() => {
  for (const s of REAL_SCENARIOS)
    for (const lane of ['nginx', 'direct'] as const)
      sink += simulateKeepAliveRequests(laneConfig(s, lane, '20.1.0'), s.requests, 0.1).length;
}, 200);
console.log(
  `keepalive: per-request model, all real-run lanes (${REAL_SCENARIOS.length * 2} × 11 requests, ${LINK_DELAY_SECONDS * 1000} ms link): ${realMs.toFixed(3)} ms`,
);

const random = createRandom(5);
const long: { sendAtSeconds: number; method: 'GET' | 'POST' }[] = [];
let t = 0;
for (let i = 0; i < 20_000; i++) {
  t += sampleExponential(random, 2);
  long.push({ sendAtSeconds: t, method: i % 5 === 0 ? ('POST' as const) : ('GET' as const) });
}
const longMs = timeMs(() => {
  sink += simulateKeepAliveRequests(laneConfig(REAL_SCENARIOS[0]!, 'nginx', '20.1.0'), long).length;
}, 3);
console.log(
  `keepalive: per-request model, 20,000 Poisson requests on gthread 20.1: ${longMs.toFixed(1)} ms`,
);

if (sink < 0) console.log(sink);
