import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adviseShutdown } from './advice';
import { anyRequests, build, settings } from './arbitraries';
import { SHUTDOWN_PRESET_IDS, scenarioForPreset } from './presets';
import type { ShutdownScenario } from './scenario';
import { isFailure, simulateShutdown, type ShutdownResult } from './shutdown';
import { RULE_CAUSES, findTrafficThatShows, tellShutdownStory, type ShutdownStory } from './story';

function storyOf(scenario: ShutdownScenario): { result: ShutdownResult; story: ShutdownStory } {
  const result = simulateShutdown(scenario);
  return { result, story: tellShutdownStory(result, adviseShutdown(scenario)) };
}

/** The figure the headline opens with ("12 of 1,488 requests failed…"). */
function headlineFailed(headline: string): number {
  const match = /^([\d,]+) of [\d,]+ requests failed/.exec(headline);
  if (!match) throw new Error(`headline does not open with a count: ${headline}`);
  return Number(match[1]!.replace(/,/g, ''));
}

/** Headline, checks and chart (the requests drawn as failures) tell one story. */
function expectAgreement(result: ShutdownResult, story: ShutdownStory, label: string): void {
  const drawnFailures = result.requests.filter((r) => isFailure(r.outcome)).length;
  expect(headlineFailed(story.headline), label).toBe(drawnFailures);
  expect(result.summary.failed, label).toBe(drawnFailures);
  // Every failed request is the subject of a check that is not "OK".
  expect(story.unexplained, label).toEqual([]);
  const fixes = story.checks.filter((c) => c.rule.status === 'fix');
  if (drawnFailures === 0) {
    // "0 failed" alone only when every check passes; otherwise the headline names the problem.
    expect(story.tone, label).toBe(fixes.length === 0 ? 'clean' : 'latent');
    if (fixes.length > 0) expect(story.headline, label).toContain('Not safe, only lucky');
  } else {
    expect(story.tone, label).toBe('failed');
  }
  for (const check of story.checks) {
    const causes = RULE_CAUSES[check.rule.id] ?? [];
    const own = check.rule.status === 'ok' ? causes.slice(0, 1) : causes;
    const counted = result.requests.filter(
      (r) => isFailure(r.outcome) && own.includes(r.cause),
    ).length;
    // Each check's count is the chart's count, and a check that cost requests says so.
    expect(check.failedInRun, `${label} ${check.rule.id}`).toBe(counted);
    if (check.rule.status === 'fix' || counted > 0) expect(check.inRun, label).not.toBe('');
  }
}

describe('tellShutdownStory', () => {
  it('ECS with deregistration delay 10 s and stopTimeout 5 s: the headline no longer says a bare "0 failed" while the checks say 502', () => {
    const scenario = scenarioForPreset('ecs-defaults');
    scenario.ecs.stopTimeoutSeconds = 5;
    scenario.ecs.deregistrationDelaySeconds = 10;
    const { result, story } = storyOf(scenario);
    const delayCheck = story.checks.find((c) => c.rule.id === 'deregistration-delay')!;
    expect(delayCheck.rule.status).toBe('fix');
    expect(delayCheck.rule.text).toContain('502');
    if (result.summary.failed === 0) {
      expect(story.tone).toBe('latent');
      expect(story.headline).toContain('deregistration delay');
      expect(delayCheck.inRun).toContain('no request was long enough');
      // …and it offers traffic under which the same settings do lose requests to a 502.
      const offer = findTrafficThatShows(scenario, story)!;
      expect(offer).not.toBeNull();
      const shown = storyOf(offer.scenario);
      expect(shown.result.summary.byCause['deregistration-delay']).toBeGreaterThan(0);
      expect(shown.story.tone).toBe('failed');
      expect(
        shown.story.checks.find((c) => c.rule.id === 'deregistration-delay')!.failedInRun,
      ).toBeGreaterThan(0);
      expect(offer.scenario.ecs).toEqual(scenario.ecs);
      expect(offer.scenario.gunicorn).toEqual(scenario.gunicorn);
    } else {
      expect(delayCheck.failedInRun).toBeGreaterThan(0);
    }
  });

  it('headline, checks and chart agree on every preset, and on every preset with "Fix it" applied', () => {
    for (const id of SHUTDOWN_PRESET_IDS) {
      const scenario = scenarioForPreset(id);
      const { result, story } = storyOf(scenario);
      expectAgreement(result, story, id);
      const fixed = storyOf(adviseShutdown(scenario).recommended);
      expectAgreement(fixed.result, fixed.story, `${id} fixed`);
      expect(fixed.story.tone, `${id} fixed`).toBe('clean');
    }
  });

  it('headline, checks and chart agree on generated scenarios', () => {
    fc.assert(
      fc.property(settings, anyRequests, (s, requests) => {
        const { result, story } = storyOf(build(s, requests));
        expectAgreement(result, story, JSON.stringify(s));
      }),
      { numRuns: 300 },
    );
  });

  it('offers no traffic when the run already shows the failure', () => {
    const { story } = storyOf(scenarioForPreset('k8s-no-prestop'));
    expect(story.tone).toBe('failed');
    expect(findTrafficThatShows(scenarioForPreset('k8s-no-prestop'), story)).toBeNull();
  });
});
