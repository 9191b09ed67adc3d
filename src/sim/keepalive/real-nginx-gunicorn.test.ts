/**
 * Differential suite: the keep-alive scenarios in real-scenarios.ts run on Debian's nginx
 * (nginx-light 1.22) in front of Debian's Gunicorn 20.1, and from an ALB-like client straight
 * to Gunicorn (harness/keepalive/); simulateKeepAliveRequests must predict which requests
 * fail. A request the model calls uncertain (a timing within REAL_MARGIN_SECONDS of a
 * boundary) may go either way; every other one must match exactly.
 *
 * Missing nginx or Gunicorn skips the suite with a printed reason, except under CI, where it
 * is a failure (.ci/run installs them). `npm run record:keepalive` runs this file with
 * FDL_KEEPALIVE_RECORD=1 and writes the run to fixtures/recorded-run.json.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { probeTools, runRealScenario } from '../../../harness/keepalive/run-real';
import { LINK_DELAY_SECONDS, REAL_SCENARIOS, type RealLane } from './real-scenarios';
import { compareLane, realOutcome, type RecordedRun } from './recording';

const tools = probeTools();
const missing = 'missing' in tools ? tools.missing : null;
const inCi = Boolean(process.env.CI);
if (missing && !inCi) console.log(`real nginx → Gunicorn keep-alive suite skipped: ${missing}`);

describe('real nginx and Gunicorn for the keep-alive suite', () => {
  it.runIf(inCi)('are installed in CI', () => {
    expect(missing).toBeNull();
  });
});

describe.skipIf(missing !== null)('the keep-alive model matches real nginx → Gunicorn', () => {
  let recording: RecordedRun | undefined;
  beforeAll(async () => {
    if ('missing' in tools) return;
    // All three scenarios at once: each lasts about 30 s, mostly idle gaps.
    const scenarios = await Promise.all(
      REAL_SCENARIOS.map((s) => runRealScenario(s, LINK_DELAY_SECONDS)),
    );
    recording = {
      recordedAt: new Date().toISOString(),
      nginx: tools.nginx,
      gunicorn: tools.gunicorn,
      linkDelaySeconds: LINK_DELAY_SECONDS,
      scenarios,
    };
    if (process.env['FDL_KEEPALIVE_RECORD']) {
      const file = fileURLToPath(new URL('./fixtures/recorded-run.json', import.meta.url));
      writeFileSync(file, `${JSON.stringify(recording, null, 2)}\n`);
    }
  }, 110_000);

  for (const scenario of REAL_SCENARIOS) {
    for (const lane of ['nginx', 'direct'] as const satisfies readonly RealLane[]) {
      it(`${scenario.title}, ${lane === 'nginx' ? 'through nginx' : 'ALB-like client'}`, () => {
        const run = recording!.scenarios.find((s) => s.scenario === scenario.id)!;
        const c = compareLane(scenario, lane, run.requests, recording!.gunicorn);
        expect(c.disagreements, c.table).toEqual([]);
        const bad = c.real.filter(
          (r) => realOutcome(r) === 'failed' || realOutcome(r) === 'retried',
        );
        // the failure case really fails; the two fixes really fix it
        if (scenario.id === 'default-keepalive') expect(bad.length, c.table).toBeGreaterThan(0);
        else expect(bad, c.table).toEqual([]);
      });
    }
  }
});
