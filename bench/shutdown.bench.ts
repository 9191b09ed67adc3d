/**
 * Shutdown simulation speed. The target from issue 5: a 10,000-request scenario simulated in
 * under 50 ms. Measured as the median of nine runs for three platforms (the widget reruns
 * simulateShutdown, adviseShutdown and describeStateAt on every settings change).
 */
import { adviseShutdown } from '../src/sim/shutdown/advice';
import { scenarioForPreset } from '../src/sim/shutdown/presets';
import { simulateReadiness, createDefaultReadinessScenario } from '../src/sim/shutdown/readiness';
import type { ShutdownScenario } from '../src/sim/shutdown/scenario';
import { simulateShutdown } from '../src/sim/shutdown/shutdown';
import { describeStateAt } from '../src/sim/shutdown/state-at';

/**
 * Median wall time and median CPU time of a run. The machine this runs on is often shared, so
 * the CPU time (process.cpuUsage) is printed too: it is what the run itself costs.
 */
function measure(run: () => void, times: number): { wallMs: number; cpuMs: number } {
  for (let k = 0; k < 5; k++) run(); // warm up the JIT
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let k = 0; k < times; k++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    run();
    wall.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { wallMs: median(wall), cpuMs: median(cpu) };
}

/** A preset scaled to about 10,000 requests (same rate, longer traffic window). */
function tenThousand(preset: Parameters<typeof scenarioForPreset>[0]): ShutdownScenario {
  const s = scenarioForPreset(preset);
  s.traffic.untilSeconds = 10_000 / s.traffic.arrivalsPerSecond;
  s.stopAtSeconds = Math.min(600, s.traffic.untilSeconds / 2);
  return s;
}

let sink = 0;
for (const preset of ['ecs-defaults', 'k8s-no-prestop', 'docker-shell-form'] as const) {
  const scenario = tenThousand(preset);
  const count = simulateShutdown(scenario).requests.length;
  const sim = measure(() => {
    sink += simulateShutdown(scenario).summary.failed;
  }, 9);
  console.log(
    `shutdown: simulate ${count.toLocaleString('en-US')} requests (${preset}): ${sim.wallMs.toFixed(2)} ms per run, ${sim.cpuMs.toFixed(2)} ms CPU (target < 50 ms)`,
  );
  const widget = measure(() => {
    const result = simulateShutdown(scenario);
    sink += adviseShutdown(scenario).rules.length;
    sink += describeStateAt(result, scenario.stopAtSeconds * 1000 + 1000).running;
  }, 9);
  console.log(
    `shutdown: widget recompute (simulate + advise + cursor state), ${preset}: ${widget.wallMs.toFixed(2)} ms per change, ${widget.cpuMs.toFixed(2)} ms CPU`,
  );
}
const readiness = measure(() => {
  sink += simulateReadiness({ ...createDefaultReadinessScenario(), tasks: 10 }).restarts;
}, 9);
console.log(
  `readiness: 10 tasks, 600 s: ${readiness.wallMs.toFixed(3)} ms per run, ${readiness.cpuMs.toFixed(3)} ms CPU (target < 5 ms)`,
);
if (sink < 0) console.log(sink);
