import { describe, expect, it } from 'vitest';
import recorded from './fixtures/recorded-run.json';
import { REAL_SCENARIOS } from './real-scenarios';
import { compareLane, realOutcome, recordedTotals, type RecordedRun } from './recording';

const run = recorded as RecordedRun;

describe('the recorded nginx → Gunicorn run (fixtures/recorded-run.json)', () => {
  it('says what it ran on and when', () => {
    expect(run.nginx).toMatch(/^\d+\.\d+\.\d+$/);
    expect(run.gunicorn).toMatch(/^\d+\.\d+/);
    expect(Number.isNaN(Date.parse(run.recordedAt))).toBe(false);
    expect(run.scenarios.map((s) => s.scenario).sort()).toEqual(
      REAL_SCENARIOS.map((s) => s.id).sort(),
    );
  });

  for (const scenario of REAL_SCENARIOS) {
    for (const lane of ['nginx', 'direct'] as const) {
      it(`agrees with the model: ${scenario.id}, ${lane}`, () => {
        const requests = run.scenarios.find((s) => s.scenario === scenario.id)?.requests ?? [];
        const c = compareLane(scenario, lane, requests, run.gunicorn);
        expect(c.disagreements, c.table).toEqual([]);
      });
    }
  }

  it('shows the failure case failing and both fixes clean', () => {
    for (const s of run.scenarios) {
      const totals = recordedTotals(s.requests);
      if (s.scenario === 'default-keepalive') expect(totals.failed).toBeGreaterThan(0);
      else expect(totals).toMatchObject({ failed: 0, retried: 0 });
    }
  });
});

describe('realOutcome', () => {
  const base = { index: 0, method: 'GET', plannedAtSeconds: 0, sentAtSeconds: 0 };
  it('reads a resent request from nginx upstream statuses', () => {
    expect(
      realOutcome({
        ...base,
        lane: 'nginx',
        status: 200,
        upstreamStatus: '502, 200',
        reachedApp: true,
      }),
    ).toBe('retried');
    expect(
      realOutcome({
        ...base,
        lane: 'nginx',
        status: 502,
        upstreamStatus: '502',
        reachedApp: false,
      }),
    ).toBe('failed');
    expect(
      realOutcome({ ...base, lane: 'direct', status: null, reused: true, reachedApp: false }),
    ).toBe('failed');
  });
});
