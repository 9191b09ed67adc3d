/**
 * tellShutdownStory: one account of a run that the headline, the checks and the chart all
 * read from, so they can never contradict each other.
 *
 * The advice (`advice.ts`) judges the *settings* against the longest request the traffic can
 * produce; the simulation (`shutdown.ts`) reports what happened to the requests of *this* run.
 * The two differ when a limit is wrong but no request of this run happened to be long enough,
 * or in flight at the wrong moment, to hit it. Then the headline says so plainly instead of a
 * bare "0 failed", each check says how many requests of this run it cost, and
 * `findTrafficThatShows` looks for traffic (more long requests) under which the same settings
 * do lose requests, so the reader can see the failure.
 */
import type { AdviceRule, ShutdownAdvice } from './advice';
import type { ShutdownScenario } from './scenario';
import { describeCause } from './shutdown-summary';
import type { Cause, ShutdownResult } from './shutdown-types';
import { simulateShutdown } from './shutdown';

/** A SIGKILL ends the requests in progress and closes the listening socket with it. */
const KILLED: readonly Cause[] = [
  'sigkill-orchestrator',
  'backlog-reset',
  'listener-closed',
  'queued-in-worker',
];
/** Requests routed before the stop that still wait for a worker when the workers stop. */
const WAITING: readonly Cause[] = ['backlog-reset', 'queued-in-worker', 'abandoned-after-accept'];

/** The causes of failure each advice rule prevents (see the rule texts in `advice.ts`). */
export const RULE_CAUSES: Readonly<Record<string, readonly Cause[]>> = {
  pid1: KILLED,
  'stop-signal': ['quick-stop', 'quick-stop-500'],
  'graceful-timeout': ['sigkill-graceful-timeout', ...WAITING],
  'worker-timeout': ['worker-timeout'],
  'gthread-20': ['abandoned-after-accept', 'queued-in-worker'],
  'ecs-stop-task': ['listener-closed', ...WAITING],
  'deregistration-delay': ['deregistration-delay', ...WAITING],
  'stop-timeout': KILLED,
  prestop: ['backlog-reset', 'listener-closed', 'abandoned-after-accept', 'queued-in-worker'],
  grace: KILLED,
  'docker-timeout': KILLED,
  'docker-routing': ['listener-closed', ...WAITING],
};

export interface StoryCheck {
  readonly rule: AdviceRule;
  /** Requests of this run that failed for a cause this rule is about. */
  readonly failedInRun: number;
  /** What this run shows for the rule, in plain words. */
  readonly inRun: string;
}

export type StoryTone = 'clean' | 'failed' | 'latent';

export interface ShutdownStory {
  /** The one-line verdict: the simulation's count, plus any problem this run did not show. */
  readonly headline: string;
  /**
   * `failed`: requests failed in this run; `latent`: none did, but a check still says "Fix";
   * `clean`: none did and every check passes.
   */
  readonly tone: StoryTone;
  readonly checks: readonly StoryCheck[];
  /** Failed requests of this run that no check is about (should stay empty; tested). */
  readonly unexplained: readonly { cause: Cause; count: number }[];
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

function failedCounts(result: ShutdownResult): Map<Cause, number> {
  return new Map(result.summary.cuts.map((c) => [c.cause, c.count]));
}

export function tellShutdownStory(result: ShutdownResult, advice: ShutdownAdvice): ShutdownStory {
  const failed = failedCounts(result);
  const covered = new Set<Cause>();
  const checks = advice.rules.map((rule): StoryCheck => {
    // A passing check still owns its main cause: a request can wait for a worker first and
    // so outlast a limit that covers its own duration.
    const all = RULE_CAUSES[rule.id] ?? [];
    const causes = rule.status === 'ok' ? all.slice(0, 1) : all;
    let count = 0;
    for (const cause of causes) {
      count += failed.get(cause) ?? 0;
      covered.add(cause);
    }
    const named = causes
      .filter((c) => (failed.get(c) ?? 0) > 0)
      .map((c) => `${(failed.get(c) ?? 0).toLocaleString('en-US')} ${describeCause(c)}`);
    let inRun = '';
    if (count > 0) {
      inRun =
        rule.status === 'ok'
          ? `Yet in this run: ${named.join(', ')}: they waited for a busy worker first, and the wait counts too.`
          : `In this run: ${named.join(', ')}.`;
    } else if (rule.status === 'fix' && all.length > 0) {
      inRun =
        'In this run no request was long enough, or in flight at the wrong moment, to be hit by this.';
    }
    return { rule, failedInRun: count, inRun };
  });
  const unexplained = result.summary.cuts
    .filter((c) => !covered.has(c.cause))
    .map((c) => ({ cause: c.cause, count: c.count }));
  const latent = checks.filter((c) => c.rule.status === 'fix' && c.failedInRun === 0);
  const verdict = result.summary.verdict;
  if (result.summary.failed > 0) {
    const more =
      latent.length > 0
        ? ` ${plural(latent.length, 'more check')} still say Fix but cost nothing in this run.`
        : '';
    return { headline: `${verdict}${more}`, tone: 'failed', checks, unexplained };
  }
  if (latent.length === 0) return { headline: verdict, tone: 'clean', checks, unexplained };
  const which = latent.map((c) => LATENT_NAMES[c.rule.id] ?? c.rule.id).join('; ');
  return {
    headline: `${verdict} Not safe, only lucky: no request in this run was long enough to hit ${which}.`,
    tone: 'latent',
    checks,
    unexplained,
  };
}

const LATENT_NAMES: Readonly<Record<string, string>> = {
  pid1: 'the shell-form PID 1',
  'stop-signal': 'the quick-stop signal',
  'graceful-timeout': 'the short graceful_timeout',
  'worker-timeout': 'the short worker timeout',
  'ecs-stop-task': 'StopTask without drain',
  'deregistration-delay': 'the short deregistration delay',
  'stop-timeout': 'stopTimeout ≤ graceful_timeout',
  prestop: 'the missing preStop',
  grace: 'the short grace period',
  'docker-timeout': 'the short stop timeout',
};

export interface TrafficOffer {
  /** What the offered traffic changes, in plain words. */
  readonly label: string;
  readonly scenario: ShutdownScenario;
  /** Requests the offered traffic loses under the same settings. */
  readonly failed: number;
}

/** Shares (percent) of the longest request in the mix to try, smallest first. */
const LONG_SHARES = [2, 5, 10, 20] as const;

/**
 * Traffic that shows a latent failure: the same settings, with the longest request of the mix
 * made more common (the smallest share from LONG_SHARES that makes a "Fix" check lose a
 * request). Null when no such share does (for example when nothing is still running at the
 * SIGKILL because the deregistration delay already cut it).
 */
export function findTrafficThatShows(
  scenario: ShutdownScenario,
  story: ShutdownStory,
): TrafficOffer | null {
  if (story.tone !== 'latent' || scenario.requests) return null;
  const latent = story.checks.filter((c) => c.rule.status === 'fix' && c.failedInRun === 0);
  const causes = new Set(latent.flatMap((c) => RULE_CAUSES[c.rule.id] ?? []));
  const mix = scenario.traffic.mix;
  let longest = -1;
  mix.forEach((m, i) => {
    if (longest < 0 || m.durationSeconds > mix[longest]!.durationSeconds) longest = i;
  });
  if (longest < 0) return null;
  const current = mix[longest]!;
  const total = mix.reduce((sum, m) => sum + Math.max(0, m.share), 0);
  const currentPercent = total > 0 ? (Math.max(0, current.share) / total) * 100 : 0;
  for (const percent of LONG_SHARES) {
    if (percent <= currentPercent) continue;
    const next = structuredClone(scenario);
    // Keep the other entries' proportions; give the longest entry `percent` % of the total.
    const others = total - Math.max(0, current.share);
    next.traffic.mix = mix.map((m, i) =>
      i === longest
        ? { ...m, share: others > 0 ? (others * percent) / (100 - percent) : 100 }
        : { ...m },
    );
    const run = simulateShutdown(next);
    const shown = run.summary.cuts
      .filter((c) => causes.has(c.cause))
      .reduce((sum, c) => sum + c.count, 0);
    if (shown > 0) {
      return {
        label: `Send ${percent} % requests of about ${current.durationSeconds} s (now ${
          Math.round(currentPercent * 10) / 10
        } %)`,
        scenario: next,
        failed: run.summary.failed,
      };
    }
  }
  return null;
}
