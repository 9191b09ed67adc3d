/**
 * What the capacity calculator tells a reader about a configuration: warnings, most severe
 * first, and the changes that would make the deploy peak fit (`capacity.ts`).
 */
import {
  type CapacityResult,
  type CapacitySettings,
  type CapacitySuggestion,
  type CapacityWarning,
  type CapacityWarningCode,
  CAPACITY_DOC_LINKS as DOCS,
  MEMORY_TIGHT_FRACTION,
  PGBOUNCER_DEFAULTS,
  type WarningSeverity,
} from './capacity-types';
function formatLimit(value: number): string {
  return Number.isFinite(value) ? String(value) : 'unlimited';
}

/** Everything a reader should be told about this configuration, most severe first. */
export function collectWarnings(
  s: CapacitySettings,
  r: Omit<CapacityResult, 'warnings' | 'suggestions'>,
): CapacityWarning[] {
  const warnings: CapacityWarning[] = [];
  const add = (
    code: CapacityWarningCode,
    severity: WarningSeverity,
    text: string,
    docUrl: string,
  ): void => {
    warnings.push({ code, severity, text, docUrl });
  };
  const need = r.concurrencyPerWorker * s.connectionsPerRequest;
  const poolText = `pool_size ${s.poolSize} + max_overflow ${s.maxOverflow} = ${formatLimit(r.poolLimitPerWorker)}`;

  if (s.workerClass === 'sync' && s.threads > 1) {
    add(
      'threads-make-gthread',
      'info',
      `threads = ${s.threads} with the sync worker class: Gunicorn runs the gthread worker instead, so each worker serves ${s.threads} requests at once.`,
      DOCS.gunicornSettings,
    );
  }
  if (need > r.poolLimitPerWorker) {
    const waitText = `the next request waits pool_timeout (${s.poolTimeoutSeconds} s) for a connection and then fails with "QueuePool limit of size ${s.poolSize} overflow ${s.maxOverflow} reached".`;
    if (r.effectiveWorkerClass === 'gevent') {
      add(
        'gevent-capped-by-pool',
        'warn',
        `A gevent worker runs up to ${s.workerConnections} requests at once, but its pool holds ${poolText} connections: once they are all checked out, ${waitText}`,
        DOCS.sqlalchemyQueuePool,
      );
    } else if (r.effectiveWorkerClass === 'gthread') {
      add(
        'threads-exceed-pool',
        'warn',
        `${r.concurrencyPerWorker} threads need up to ${need} connections but the pool allows ${poolText}: when all are busy, ${waitText}`,
        DOCS.sqlalchemyQueuePool,
      );
    } else {
      add(
        'request-needs-more-than-pool',
        'bad',
        `One request holds ${s.connectionsPerRequest} connections but the pool allows ${poolText}: ${waitText}`,
        DOCS.sqlalchemyQueuePool,
      );
    }
  }
  if (s.poolSize === 0 || s.maxOverflow < 0) {
    add(
      'pool-unlimited',
      'warn',
      `${s.poolSize === 0 ? 'pool_size = 0' : 'max_overflow = -1'} removes SQLAlchemy's cap: each worker opens as many connections as it has requests in flight (${need} here)${s.poolSize === 0 ? ', and with pool_size 0 it keeps them all open when idle' : ''}.`,
      DOCS.sqlalchemyQueuePool,
    );
  } else if (s.poolSize > need || (s.maxOverflow > 0 && s.poolSize >= need)) {
    add(
      'pool-larger-than-concurrency',
      'info',
      `Each worker uses at most ${need} connection${need === 1 ? '' : 's'} at once (${r.concurrencyPerWorker} request${r.concurrencyPerWorker === 1 ? '' : 's'} × ${s.connectionsPerRequest}), so ${poolText} is never filled: SQLAlchemy opens connections lazily. The pools allow ${formatLimit(r.poolCapacity)} but the service reaches ${r.steadyPeak}.`,
      DOCS.sqlalchemyQueuePool,
    );
  }
  if (s.pgbouncer !== null) {
    const pgb = s.pgbouncer;
    if (pgb.poolMode === 'transaction' && s.serverSidePreparedStatements) {
      add(
        'pgbouncer-prepared-statements',
        pgb.maxPreparedStatements > 0 ? 'warn' : 'bad',
        pgb.maxPreparedStatements > 0
          ? `Transaction pooling gives each transaction whichever server connection is free. Server-side prepared statements only survive that because PgBouncer 1.21+ tracks protocol-level ones (max_prepared_statements = ${pgb.maxPreparedStatements}); SQL-level PREPARE still breaks, and older PgBouncer versions break both.`
          : 'Transaction pooling gives each transaction whichever server connection is free, and max_prepared_statements = 0 turns off PgBouncer\u2019s tracking: a statement prepared on one server connection is missing on the next ("prepared statement does not exist"). Turn prepared statements off in the driver or set max_prepared_statements.',
        DOCS.pgbouncerConfig,
      );
    }
    const clients = r.pgbouncerClientConnections ?? 0;
    if (clients > pgb.maxClientConn) {
      add(
        'pgbouncer-max-client-conn',
        'bad',
        `During a deploy ${clients} client connections reach one PgBouncer, above max_client_conn = ${pgb.maxClientConn}: the rest are refused.`,
        DOCS.pgbouncerConfig,
      );
    }
    const cap = r.pgbouncerServerCap ?? 0;
    const idlePerInstance =
      pgb.placement === 'per-task' ? s.workers * r.perWorkerIdle : r.idleConnections;
    if (pgb.poolMode === 'session' && idlePerInstance > cap) {
      add(
        'pgbouncer-session-pinning',
        'warn',
        `In session mode a client keeps its server connection until it disconnects, and SQLAlchemy keeps up to pool_size connections open per worker (${idlePerInstance} per PgBouncer here, above its pool of ${cap}). Clients beyond the pool wait for a server connection; transaction mode shares them.`,
        DOCS.pgbouncerFeatures,
      );
    }
    const peakPerInstance = pgb.placement === 'per-task' ? r.perTaskPeak : r.steadyPeak;
    if (peakPerInstance > cap) {
      add(
        'pgbouncer-clients-wait',
        'info',
        `At the peak ${peakPerInstance} clients share ${cap} server connections per PgBouncer: the rest wait inside PgBouncer instead of failing at PostgreSQL.`,
        DOCS.pgbouncerConfig,
      );
    }
  }
  if (r.reloadTotal > r.available) {
    add(
      'reload-exceeds',
      'warn',
      `A Gunicorn HUP reload starts the new workers before the old ones stop, briefly doubling the pools: ${r.reloadTotal} connections if every task reloads at once, above the ${r.available} available.`,
      DOCS.gunicornSignals,
    );
  }
  // Derived from the rounding rules (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service_definition_parameters.html): maximumPercent rounds down and
  // minimumHealthyPercent rounds up, so with few tasks neither may leave room to move.
  if (s.tasks > 0 && r.deployTasks <= s.tasks && r.deployMinHealthyTasks >= s.tasks) {
    add(
      'deploy-cannot-progress',
      'warn',
      `With ${s.tasks} task${s.tasks === 1 ? '' : 's'}, maximumPercent ${s.maximumPercent} (rounded down) allows no extra task and minimumHealthyPercent ${s.minimumHealthyPercent} (rounded up) keeps every task running: ECS can neither start a new task first nor stop an old one first, so a rolling deploy cannot replace anything.`,
      DOCS.ecsDeployment,
    );
  }
  if (r.rds !== null) {
    add(
      'rds-estimate',
      'info',
      `${r.rds.instanceClass}: LEAST(DBInstanceClassMemory / 9531392, 5000) with the nominal ${r.rds.nominalMemoryGiB} GiB gives at most ${r.rds.maxConnectionsAtMost}. DBInstanceClassMemory is smaller than the nominal memory, so the real default is lower (not verified per class; about 80 is reported for 1 GiB classes). Whether RDS reserves extra slots for its own admin role is not verified either. Check SHOW max_connections.`,
      DOCS.rdsMaxConnections,
    );
  }
  if (s.superuserReservedConnections + s.reservedConnections >= r.maxConnections) {
    add(
      'reserved-exceed-max',
      'bad',
      `superuser_reserved_connections + reserved_connections (${s.superuserReservedConnections + s.reservedConnections}) must be below max_connections (${r.maxConnections}): nothing is left for the app.`,
      DOCS.postgresConnections,
    );
  } else if (s.otherConnections > r.available) {
    add(
      'other-alone-exceeds',
      'bad',
      `The other clients alone (${s.otherConnections}) need more than the ${r.available} slots available.`,
      DOCS.postgresConnections,
    );
  }
  if (r.memory.verdict === 'oom') {
    add(
      'memory-oom',
      'bad',
      `${formatMiB(r.memory.perTaskMiB)} per task is above the ${formatMiB(r.memory.limitMiB)} limit: the container is killed for running out of memory (at most ${r.memory.largestWorkersThatFit ?? 'any number of'} workers fit).`,
      DOCS.gunicornDesign,
    );
  } else if (r.memory.reloadPerTaskMiB > r.memory.limitMiB) {
    add(
      'memory-reload-oom',
      'warn',
      `A HUP reload briefly doubles the workers: ${formatMiB(r.memory.reloadPerTaskMiB)}, above the ${formatMiB(r.memory.limitMiB)} limit.`,
      DOCS.gunicornSignals,
    );
  } else if (r.memory.verdict === 'tight') {
    add(
      'memory-tight',
      'warn',
      `${formatMiB(r.memory.perTaskMiB)} of ${formatMiB(r.memory.limitMiB)}: over ${Math.round(MEMORY_TIGHT_FRACTION * 100)} % of the limit leaves little room for a request that allocates more.`,
      DOCS.gunicornDesign,
    );
  }
  if (s.workers > r.workerPresets.gunicornDocs) {
    add(
      'workers-beyond-cpu',
      'info',
      `${s.workers} workers on ${s.vcpus} vCPU: more than 2 × CPU + 1 adds context switches, not throughput. Add tasks instead.`,
      DOCS.gunicornDesign,
    );
  }
  if (s.preloadApp) {
    add(
      'preload-engine-fork',
      'info',
      'With preload_app the app is imported before the fork: make sure nothing connects to the database at import time, or dispose of the engine in each worker, so that no connection is shared between processes.',
      DOCS.sqlalchemyFork,
    );
  }
  const rank: Record<WarningSeverity, number> = { bad: 0, warn: 1, info: 2 };
  return warnings.sort((a, b) => rank[a.severity] - rank[b.severity]);
}

function formatMiB(value: number): string {
  return `${Math.round(value)} MiB`;
}

/** Changes that would make the deploy peak fit, in the order a reader would try them. */
export function collectSuggestions(
  s: CapacitySettings,
  r: Omit<CapacityResult, 'warnings' | 'suggestions'>,
): CapacitySuggestion[] {
  if (r.verdict === 'fits') return [];
  const suggestions: CapacitySuggestion[] = [];
  const room = r.available - s.otherConnections;
  if (r.largestPoolSizeThatFits !== null && r.largestPoolSizeThatFits >= 1) {
    const capped = r.largestPoolSizeThatFits < r.concurrencyPerWorker * s.connectionsPerRequest;
    suggestions.push({
      code: 'pool',
      text: `pool_size ${r.largestPoolSizeThatFits}, max_overflow 0${capped ? ' (requests beyond it wait for a connection)' : ''}`,
      patch: { poolSize: r.largestPoolSizeThatFits, maxOverflow: 0 },
    });
  }
  if (
    r.largestWorkersThatFit !== null &&
    r.largestWorkersThatFit >= 1 &&
    r.largestWorkersThatFit < s.workers
  ) {
    suggestions.push({
      code: 'workers',
      text: `${r.largestWorkersThatFit} worker${r.largestWorkersThatFit === 1 ? '' : 's'} per task`,
      patch: { workers: r.largestWorkersThatFit },
    });
  }
  if (
    r.largestTasksThatFit !== null &&
    r.largestTasksThatFit >= 1 &&
    r.largestTasksThatFit < s.tasks
  ) {
    suggestions.push({
      code: 'tasks',
      text: `at most ${r.largestTasksThatFit} task${r.largestTasksThatFit === 1 ? '' : 's'}`,
      patch: { tasks: r.largestTasksThatFit },
    });
  }
  if (r.verdict === 'deploy-exceeds' && s.minimumHealthyPercent > 0) {
    suggestions.push({
      code: 'deploy',
      text: 'maximumPercent 100 with a lower minimumHealthyPercent (old tasks stop before new ones start, at reduced capacity)',
      patch: { maximumPercent: 100, minimumHealthyPercent: Math.min(s.minimumHealthyPercent, 50) },
    });
  }
  if (room >= 1) {
    if (s.pgbouncer === null) {
      const size = Math.min(PGBOUNCER_DEFAULTS.defaultPoolSize, room);
      suggestions.push({
        code: 'pgbouncer',
        text: `PgBouncer in transaction mode with default_pool_size ${size}`,
        patch: {
          pgbouncer: { ...PGBOUNCER_DEFAULTS, poolMode: 'transaction', defaultPoolSize: size },
        },
      });
    } else if (s.pgbouncer.placement === 'per-task') {
      const size = Math.min(s.pgbouncer.defaultPoolSize, room);
      const reserve = Math.min(s.pgbouncer.reservePoolSize, room - size);
      suggestions.push({
        code: 'pgbouncer',
        text: `one shared PgBouncer instead of one per task (default_pool_size ${size}${reserve === s.pgbouncer.reservePoolSize ? '' : `, reserve_pool_size ${reserve}`})`,
        patch: {
          pgbouncer: {
            ...s.pgbouncer,
            placement: 'shared',
            defaultPoolSize: size,
            reservePoolSize: reserve,
          },
        },
      });
    }
  }
  if (r.rds === null) {
    const needed = r.deployTotal + r.reservedTotal;
    suggestions.push({
      code: 'max-connections',
      text: `max_connections ${needed} or more`,
      patch: { maxConnections: needed },
    });
  }
  return suggestions;
}

/**
 * Computes every figure the capacity widget shows. Omitted fields take their defaults; values are
 * used as given, so pass widget or URL input through `normalizeCapacityInput` first.
 */
