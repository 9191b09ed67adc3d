/**
 * A platform command that starts Gunicorn through `sh -c "…"` without `exec`: the shell is
 * PID 1 and does not pass SIGTERM on, so Gunicorn never drains (Dockerfile reference, shell
 * and exec form; the shutdown model's `shell-form-dash` mode, `adviseShutdown` rule `pid1`).
 * A Dockerfile's own shell-form CMD is the Dockerfile checker's `shell-form-cmd`; this rule
 * covers the commands of compose, Kubernetes and ECS, which override the image's CMD.
 */
import { adviseShutdown } from '../../shutdown/advice';
import { effectiveLaunch } from '../derive';
import { shutdownScenarioOf } from '../to-scenario';
import { defineAuditRule, SOURCES } from './rule';

export default defineAuditRule(
  {
    code: 'shell-pid1',
    level: 'error',
    title: 'A shell between the runtime and Gunicorn',
    failure:
      'The shell ignores the stop signal, so Gunicorn never drains and everything in flight is SIGKILLed at the stop timeout.',
    fix: 'Start Gunicorn directly (a list: ["gunicorn", …]) or write `exec gunicorn …` inside the sh -c string.',
    sources: [SOURCES.shellExecForm, SOURCES.gunicornSignals],
  },
  ({ facts }) => {
    const launch = effectiveLaunch(facts);
    if (!launch?.shellStaysPid1 || launch.at.file === facts.docker?.at.file) return [];
    const scenario = shutdownScenarioOf(facts);
    const rule = scenario ? adviseShutdown(scenario).rules.find((r) => r.id === 'pid1') : undefined;
    if (scenario && rule?.status !== 'fix') return [];
    return [
      {
        at: launch.at,
        message: `Gunicorn is started by a shell (sh -c "…" without exec), which stays PID 1: the platform's SIGTERM goes to the shell, not to Gunicorn, and the container is SIGKILLed at the stop timeout.`,
      },
    ];
  },
);
