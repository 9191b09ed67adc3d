/**
 * Compose `stop_signal` SIGINT or SIGQUIT makes Gunicorn's master stop quickly instead of
 * gracefully (Gunicorn signals page: TERM graceful, INT/QUIT quick). Verdict:
 * `adviseShutdown` rule `stop-signal`.
 */
import { adviseShutdown } from '../../shutdown/advice';
import { shutdownScenarioOf } from '../to-scenario';
import { defineAuditRule, SOURCES } from './rule';

export default defineAuditRule(
  {
    code: 'compose-stop-signal-quick',
    level: 'error',
    title: 'stop_signal makes Gunicorn quit without draining',
    failure:
      'docker compose stop/down cuts every request in progress instead of letting it finish.',
    fix: 'Remove stop_signal (SIGTERM is the default) or set stop_signal: SIGTERM.',
    sources: [SOURCES.composeStopSignal, SOURCES.gunicornSignals],
  },
  ({ facts }) => {
    const signal = facts.compose?.stopSignal;
    const scenario = shutdownScenarioOf(facts);
    if (!signal || !scenario) return [];
    const rule = adviseShutdown(scenario).rules.find((r) => r.id === 'stop-signal');
    if (rule?.status !== 'fix') return [];
    return [
      {
        at: signal,
        message: `stop_signal is ${signal.value}: Gunicorn treats SIGINT and SIGQUIT as a quick shutdown, so docker compose stop cuts the requests in progress instead of draining them.`,
      },
    ];
  },
);
