/**
 * Seeded traffic for the shutdown simulation: Poisson arrivals (exponential gaps) and a
 * duration drawn from a weighted mix, jittered by ±20 % so bars do not line up exactly.
 */
import { createRandom, sampleExponential } from '../random';
import { LIMITS, type ShutdownScenario } from './scenario';

export interface TrafficRequest {
  id: number;
  arriveAtMs: number;
  durationMs: number;
}

/** The requests of a scenario, sorted by arrival: the explicit list if given, else generated. */
export function generateRequests(scenario: ShutdownScenario): TrafficRequest[] {
  if (scenario.requests) {
    return scenario.requests
      .slice(0, LIMITS.explicitRequests)
      .map((r) => ({
        arriveAtMs: Math.max(0, r.arriveAtSeconds * 1000),
        durationMs: Math.max(1, r.durationSeconds * 1000),
      }))
      .sort((a, b) => a.arriveAtMs - b.arriveAtMs)
      .map((r, id) => ({ id, ...r }));
  }
  const { arrivalsPerSecond, untilSeconds, mix } = scenario.traffic;
  const totalShare = mix.reduce((sum, m) => sum + Math.max(0, m.share), 0);
  if (arrivalsPerSecond <= 0 || totalShare <= 0 || untilSeconds <= 0) return [];
  const random = createRandom(scenario.seed);
  const meanGapMs = 1000 / arrivalsPerSecond;
  const untilMs = untilSeconds * 1000;
  const requests: TrafficRequest[] = [];
  let at = sampleExponential(random, meanGapMs);
  while (at < untilMs && requests.length < LIMITS.generatedRequests) {
    let pickAt = random() * totalShare;
    let durationSeconds = mix[mix.length - 1]?.durationSeconds ?? 0.1;
    for (const m of mix) {
      const share = Math.max(0, m.share);
      if (pickAt < share) {
        durationSeconds = m.durationSeconds;
        break;
      }
      pickAt -= share;
    }
    const jitter = 0.8 + 0.4 * random();
    requests.push({
      id: requests.length,
      arriveAtMs: at,
      durationMs: Math.max(1, durationSeconds * 1000 * jitter),
    });
    at += sampleExponential(random, meanGapMs);
  }
  return requests;
}

/** The longest request the scenario can produce, used by the advice (seconds). */
export function longestRequestSeconds(scenario: ShutdownScenario): number {
  if (scenario.requests) {
    return scenario.requests.reduce((max, r) => Math.max(max, r.durationSeconds), 0);
  }
  // Generated durations are jittered up to +20 %.
  return scenario.traffic.mix.reduce(
    (max, m) => (m.share > 0 ? Math.max(max, m.durationSeconds * 1.2) : max),
    0,
  );
}
