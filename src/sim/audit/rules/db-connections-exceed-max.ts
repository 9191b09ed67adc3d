/**
 * workers × (pool_size + max_overflow) × tasks, and the same with the deploy surge
 * (ECS maximumPercent, Kubernetes maxSurge), against PostgreSQL max_connections when the
 * user gives it. Verdict: the capacity model's `computeCapacity` (`verdict`).
 */
import { computeCapacity } from '../../capacity/capacity';
import { capacityOf } from '../to-scenario';
import { defineAuditRule, SOURCES } from './rule';

export default defineAuditRule(
  {
    code: 'db-connections-exceed-max',
    level: 'error',
    title: 'The connection pools can open more connections than the database allows',
    failure:
      'At peak, or during every rolling deploy when old and new tasks run together, new connections fail with "too many clients" and requests error.',
    fix: 'Lower pool_size / max_overflow or workers, lower the deploy surge, add PgBouncer, or raise max_connections.',
    sources: [SOURCES.sqlalchemyPool, SOURCES.postgresMaxConnections, SOURCES.ecsDeployment],
  },
  ({ facts, options }) => {
    if (options.maxDbConnections === undefined) return [];
    const settings = capacityOf(facts, options);
    if (!settings || typeof facts.gunicorn.workers?.value === 'object') return [];
    const r = computeCapacity(settings);
    if (r.verdict === 'fits') return [];
    const at =
      facts.flask.poolSize ??
      facts.flask.maxOverflow ??
      facts.gunicorn.workers ??
      facts.launches[0]?.at;
    if (!at) return [];
    const when =
      r.verdict === 'deploy-exceeds'
        ? `during a rolling deploy (${r.deployTasks} tasks at once): ${r.deployServerConnections}`
        : `at steady peak: ${r.serverConnections}`;
    return [
      {
        at,
        message: `${settings.workers} workers × up to ${r.perWorkerPeak} connections each (pool_size ${settings.poolSize} + max_overflow ${settings.maxOverflow}, capped by the requests a worker runs at once) × ${settings.tasks} tasks reach ${when} connections, above the ${options.maxDbConnections} max_connections given (less reserved slots).`,
        related: [
          facts.gunicorn.workers,
          facts.flask.maxOverflow,
          facts.ecs?.desiredCount ?? facts.kubernetes?.replicas,
          facts.ecs?.maximumPercent ?? facts.kubernetes?.maxSurge,
        ],
      },
    ];
  },
);
