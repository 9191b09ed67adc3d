import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CAPACITY_DEFAULTS,
  computeCapacity,
  computeDeployTasks,
  sweepTaskCounts,
  type CapacityInput,
  type CapacityResult,
} from './capacity';
import { CAPACITY_PRESETS, settingsForPreset } from './capacity-presets';
import { computeRdsMaxConnectionsAtMost } from './rds-instance-classes';

/** The guide's example: pool_size 5 × 8 workers × 4 tasks (chapter 5). */
const GUIDE: CapacityInput = { vcpus: 4, workers: 8, tasks: 4 };

const codes = (result: CapacityResult): string[] => result.warnings.map((w) => w.code);

describe('computeCapacity: defaults', () => {
  it('uses the documented defaults when nothing is given', () => {
    const r = computeCapacity();
    expect(r.settings.workers).toBe(1);
    expect(r.settings.workerClass).toBe('sync');
    expect(r.settings.poolSize).toBe(5);
    expect(r.settings.maxOverflow).toBe(10);
    expect(r.settings.maxConnections).toBe(100);
    expect(r.settings.superuserReservedConnections).toBe(3);
    expect(r.settings.maximumPercent).toBe(200);
    expect(r.settings.minimumHealthyPercent).toBe(100);
    expect(r.settings.workerConnections).toBe(1000);
    // One sync worker, one task: 1 connection in use, 2 while the deploy doubles the tasks.
    expect(r.perWorkerPeak).toBe(1);
    expect(r.steadyPeak).toBe(1);
    expect(r.deployPeak).toBe(2);
    expect(r.poolCapacity).toBe(15);
    // PostgreSQL's default: 100 − 3 superuser slots = 97 for ordinary roles.
    expect(r.available).toBe(97);
    expect(r.verdict).toBe('fits');
  });
});

describe("computeCapacity: the guide's 160", () => {
  it('reproduces pool_size 5 × 8 workers × 4 tasks = 160 and the 480 the pools allow with overflow', () => {
    const r = computeCapacity(GUIDE);
    expect(r.guidePoolSizeProduct).toBe(160);
    expect(r.poolCapacity).toBe(4 * 8 * (5 + 10));
  });

  it('with sync workers the service reaches one connection per worker, not pool_size', () => {
    const r = computeCapacity(GUIDE);
    expect(r.perWorkerPeak).toBe(1);
    expect(r.steadyPeak).toBe(32);
    expect(r.deployPeak).toBe(64);
    expect(r.idleConnections).toBe(32);
    expect(r.verdict).toBe('fits');
    expect(codes(r)).toContain('pool-larger-than-concurrency');
  });

  it('with 5 threads per worker the service does reach 160, and 320 during a deploy', () => {
    const r = computeCapacity({ ...GUIDE, workerClass: 'gthread', threads: 5 });
    expect(r.steadyPeak).toBe(160);
    expect(r.deployPeak).toBe(320);
    expect(r.idleConnections).toBe(160);
    expect(r.verdict).toBe('exceeds');
    expect(r.headroom).toBe(97 - 320);
  });
});

describe('computeCapacity: each multiplier on its own', () => {
  const cases: {
    name: string;
    input: CapacityInput;
    perWorker: number;
    steady: number;
    deploy: number;
  }[] = [
    { name: 'workers 4', input: { workers: 4 }, perWorker: 1, steady: 4, deploy: 8 },
    {
      name: 'threads 4 (sync becomes gthread)',
      input: { threads: 4 },
      perWorker: 4,
      steady: 4,
      deploy: 8,
    },
    {
      name: 'gthread with 20 threads is capped at 5 + 10',
      input: { workerClass: 'gthread', threads: 20 },
      perWorker: 15,
      steady: 15,
      deploy: 30,
    },
    {
      name: 'gevent is capped by the pool',
      input: { workerClass: 'gevent' },
      perWorker: 15,
      steady: 15,
      deploy: 30,
    },
    {
      name: 'two connections per request',
      input: { connectionsPerRequest: 2 },
      perWorker: 2,
      steady: 2,
      deploy: 4,
    },
    {
      name: 'no database access',
      input: { connectionsPerRequest: 0 },
      perWorker: 0,
      steady: 0,
      deploy: 0,
    },
    { name: 'tasks 3', input: { tasks: 3 }, perWorker: 1, steady: 3, deploy: 6 },
    {
      name: 'maximumPercent 150 rounds down (3 tasks → 4)',
      input: { tasks: 3, maximumPercent: 150 },
      perWorker: 1,
      steady: 3,
      deploy: 4,
    },
    {
      name: 'maximumPercent 100: no surge',
      input: { tasks: 3, maximumPercent: 100, minimumHealthyPercent: 50 },
      perWorker: 1,
      steady: 3,
      deploy: 3,
    },
    {
      name: 'pool_size 2, max_overflow 0 caps 8 threads at 2',
      input: { threads: 8, poolSize: 2, maxOverflow: 0 },
      perWorker: 2,
      steady: 2,
      deploy: 4,
    },
    {
      name: 'pool_size 0 is unlimited',
      input: { workerClass: 'gevent', poolSize: 0 },
      perWorker: 1000,
      steady: 1000,
      deploy: 2000,
    },
    {
      name: 'max_overflow -1 is unlimited',
      input: { workerClass: 'gevent', workerConnections: 50, maxOverflow: -1 },
      perWorker: 50,
      steady: 50,
      deploy: 100,
    },
  ];
  it.each(cases)('$name', ({ input, perWorker, steady, deploy }) => {
    const r = computeCapacity(input);
    expect(r.perWorkerPeak).toBe(perWorker);
    expect(r.steadyPeak).toBe(steady);
    expect(r.deployPeak).toBe(deploy);
  });

  it('threads > 1 with sync is reported as gthread', () => {
    const r = computeCapacity({ threads: 4 });
    expect(r.effectiveWorkerClass).toBe('gthread');
    expect(codes(r)).toContain('threads-make-gthread');
  });

  it('a HUP reload doubles the workers of every task', () => {
    const r = computeCapacity({ workers: 3, threads: 2, tasks: 2 });
    expect(r.reloadPeak).toBe(2 * 2 * 3 * 2);
  });

  it('idle keeps at most pool_size per worker; overflow closes on return', () => {
    expect(computeCapacity({ workerClass: 'gevent' }).idleConnections).toBe(5);
    expect(
      computeCapacity({ workerClass: 'gevent', maxOverflow: -1, workerConnections: 50 })
        .idleConnections,
    ).toBe(5);
    // pool_size 0: the queue has no size, nothing is closed.
    expect(
      computeCapacity({ workerClass: 'gevent', poolSize: 0, workerConnections: 50 })
        .idleConnections,
    ).toBe(50);
  });

  it('unlimited pools report an unlimited capacity and a warning', () => {
    const r = computeCapacity({ poolSize: 0 });
    expect(r.poolCapacity).toBe(Number.POSITIVE_INFINITY);
    expect(r.guidePoolSizeProduct).toBe(Number.POSITIVE_INFINITY);
    expect(codes(r)).toContain('pool-unlimited');
    expect(computeCapacity({ poolSize: 0, tasks: 0 }).poolCapacity).toBe(0);
  });

  it('other connections and reserved slots come off the limit', () => {
    const r = computeCapacity({ otherConnections: 10, reservedConnections: 2 });
    expect(r.available).toBe(100 - 3 - 2);
    expect(r.steadyTotal).toBe(1 + 10);
    expect(r.deployTotal).toBe(2 + 10);
    expect(r.headroom).toBe(95 - 12);
  });
});

describe('computeCapacity: verdicts', () => {
  const gthread: CapacityInput = {
    vcpus: 2,
    workers: 4,
    workerClass: 'gthread',
    threads: 8,
    tasks: 2,
    otherConnections: 5,
  };

  it('deploy-exceeds when the steady peak fits but the doubled tasks do not', () => {
    const r = computeCapacity(gthread);
    expect(r.steadyTotal).toBe(2 * 4 * 8 + 5);
    expect(r.deployTotal).toBe(4 * 4 * 8 + 5);
    expect(r.verdict).toBe('deploy-exceeds');
  });

  it('finds the largest task count and pool_size that fit', () => {
    // 4 workers × 8 connections = 32 per task; deploy doubles: 64 × tasks + 5 ≤ 97 → 1 task.
    expect(computeCapacity(gthread).largestTasksThatFit).toBe(1);
    // 3 tasks → 6 during the deploy × 4 workers × pool_size p + 5 ≤ 97 → p = 3.
    const r = computeCapacity({ ...gthread, tasks: 3 });
    expect(r.largestPoolSizeThatFits).toBe(3);
    expect(r.suggestions.map((s) => s.text)).toContain(
      'pool_size 3, max_overflow 0 (requests beyond it wait for a connection)',
    );
    expect(r.suggestions.some((s) => s.code === 'pgbouncer')).toBe(true);
  });

  it('the pool size never binds for sync workers, so there is no largest pool_size', () => {
    expect(computeCapacity(GUIDE).largestPoolSizeThatFits).toBeNull();
    // 8 per task, 16 during a deploy: 6 × 16 = 96 ≤ 97.
    expect(computeCapacity(GUIDE).largestTasksThatFit).toBe(6);
  });

  it('reports 0 when not even one task or pool_size 1 fits', () => {
    const r = computeCapacity({ workers: 60 });
    expect(r.largestTasksThatFit).toBe(0);
    expect(r.largestPoolSizeThatFits).toBe(0);
    expect(r.largestWorkersThatFit).toBe(48);
  });

  it('suggests nothing when the configuration fits', () => {
    expect(computeCapacity(GUIDE).suggestions).toEqual([]);
  });

  it('warns when a HUP reload would exceed the limit', () => {
    // 2 tasks × 4 workers × 5 threads = 40 steady; reload 80; deploy 80 → fits 97, no warning.
    expect(codes(computeCapacity({ tasks: 2, workers: 4, threads: 5 }))).not.toContain(
      'reload-exceeds',
    );
    // 3 tasks: deploy is 4 tasks with maximumPercent 150 → 80; reload 120 > 97.
    const r = computeCapacity({ tasks: 3, workers: 4, threads: 5, maximumPercent: 150 });
    expect(r.verdict).toBe('fits');
    expect(codes(r)).toContain('reload-exceeds');
  });

  it('flags a deployment whose rounding leaves no room: 1 task at 150 %', () => {
    // floor(1 × 150 / 100) = 1 task at most; ceil(1 × 100 / 100) = 1 must stay healthy.
    expect(codes(computeCapacity({ tasks: 1, maximumPercent: 150 }))).toContain(
      'deploy-cannot-progress',
    );
    expect(codes(computeCapacity({ tasks: 2, maximumPercent: 150 }))).not.toContain(
      'deploy-cannot-progress',
    );
    expect(
      codes(computeCapacity({ tasks: 1, maximumPercent: 100, minimumHealthyPercent: 0 })),
    ).not.toContain('deploy-cannot-progress');
  });

  it('flags a deployment that can neither start nor stop a task', () => {
    expect(codes(computeCapacity({ maximumPercent: 100, minimumHealthyPercent: 100 }))).toContain(
      'deploy-cannot-progress',
    );
  });
});

describe('computeCapacity: RDS', () => {
  it.each([
    [1, 112],
    [2, 225],
    [4, 450],
    [8, 901],
    [16, 1802],
    [32, 3604],
    [64, 5000],
  ])('nominal %i GiB → at most %i', (gib, expected) => {
    expect(computeRdsMaxConnectionsAtMost(gib)).toBe(expected);
  });

  it('an instance class replaces max_connections with an upper bound', () => {
    const r = computeCapacity({ rdsInstanceClass: 'db.t4g.micro' });
    expect(r.maxConnections).toBe(112);
    expect(r.maxConnectionsIsUpperBound).toBe(true);
    expect(r.available).toBe(109);
    expect(codes(r)).toContain('rds-estimate');
    expect(r.warnings.find((w) => w.code === 'rds-estimate')?.text).toMatch(/at most 112/);
  });

  it('an unknown class falls back to max_connections', () => {
    const r = computeCapacity({ rdsInstanceClass: 'db.x99.huge', maxConnections: 300 });
    expect(r.maxConnections).toBe(300);
    expect(r.rds).toBeNull();
  });
});

describe('computeCapacity: PgBouncer', () => {
  const gevent: CapacityInput = { workers: 2, workerClass: 'gevent', tasks: 4 };

  it('a shared PgBouncer caps what PostgreSQL sees at default_pool_size', () => {
    const r = computeCapacity({ ...gevent, pgbouncer: {} });
    expect(r.steadyPeak).toBe(4 * 2 * 15);
    expect(r.serverConnections).toBe(20);
    expect(r.deployServerConnections).toBe(20);
    expect(r.verdict).toBe('fits');
    expect(r.largestTasksThatFit).toBeNull();
  });

  it('max_client_conn 100 refuses the 240 clients of a deploy', () => {
    const r = computeCapacity({ ...gevent, pgbouncer: {} });
    expect(r.pgbouncerClientConnections).toBe(240);
    expect(codes(r)).toContain('pgbouncer-max-client-conn');
    expect(codes(computeCapacity({ ...gevent, pgbouncer: { maxClientConn: 1000 } }))).not.toContain(
      'pgbouncer-max-client-conn',
    );
  });

  it('a PgBouncer per task multiplies its pool by the tasks', () => {
    const r = computeCapacity({ ...gevent, pgbouncer: { placement: 'per-task' } });
    expect(r.serverConnections).toBe(4 * 20);
    expect(r.deployServerConnections).toBe(8 * 20);
    expect(r.verdict).toBe('deploy-exceeds');
  });

  it('max_db_connections and reserve_pool_size shape the cap', () => {
    expect(
      computeCapacity({ ...gevent, pgbouncer: { maxDbConnections: 10 } }).serverConnections,
    ).toBe(10);
    expect(
      computeCapacity({ ...gevent, pgbouncer: { reservePoolSize: 5 } }).serverConnections,
    ).toBe(25);
  });

  it('never opens more server connections than there are clients', () => {
    expect(computeCapacity({ pgbouncer: {} }).serverConnections).toBe(1);
  });

  it('session mode pins idle pooled clients to server connections', () => {
    const session = computeCapacity({ ...gevent, pgbouncer: { maxClientConn: 1000 } });
    // 4 tasks × 2 workers keep pool_size 5 each = 40 idle clients > 20.
    expect(codes(session)).toContain('pgbouncer-session-pinning');
    const transaction = computeCapacity({
      ...gevent,
      pgbouncer: { poolMode: 'transaction', maxClientConn: 1000 },
    });
    expect(codes(transaction)).not.toContain('pgbouncer-session-pinning');
  });

  it('transaction mode + server-side prepared statements warns, and is an error without tracking', () => {
    const tracked = computeCapacity({
      serverSidePreparedStatements: true,
      pgbouncer: { poolMode: 'transaction' },
    });
    expect(tracked.warnings.find((w) => w.code === 'pgbouncer-prepared-statements')?.severity).toBe(
      'warn',
    );
    const untracked = computeCapacity({
      serverSidePreparedStatements: true,
      pgbouncer: { poolMode: 'transaction', maxPreparedStatements: 0 },
    });
    expect(
      untracked.warnings.find((w) => w.code === 'pgbouncer-prepared-statements')?.severity,
    ).toBe('bad');
    expect(
      codes(computeCapacity({ serverSidePreparedStatements: true, pgbouncer: {} })),
    ).not.toContain('pgbouncer-prepared-statements');
  });
});

describe('computeCapacity: memory', () => {
  it('adds the master to workers × per-worker memory', () => {
    const r = computeCapacity({
      workers: 4,
      memoryPerWorkerMiB: 150,
      masterMemoryMiB: 30,
      containerMemoryMiB: 1024,
    });
    expect(r.memory.perTaskMiB).toBe(30 + 4 * 150);
    expect(r.memory.verdict).toBe('fits');
    // A HUP reload: 30 + 8 × 150 = 1230 > 1024.
    expect(r.memory.reloadPerTaskMiB).toBe(1230);
    expect(codes(r)).toContain('memory-reload-oom');
  });

  it('counts the preload_app shared part once', () => {
    const r = computeCapacity({
      workers: 4,
      memoryPerWorkerMiB: 150,
      masterMemoryMiB: 30,
      preloadApp: true,
      preloadSharedFraction: 0.3,
    });
    expect(r.memory.sharedMiB).toBeCloseTo(45);
    expect(r.memory.perTaskMiB).toBeCloseTo(30 + 45 + 4 * 105);
    expect(codes(r)).toContain('preload-engine-fork');
  });

  it('gives an OOM verdict and the workers that would fit', () => {
    const r = computeCapacity({
      workers: 8,
      memoryPerWorkerMiB: 150,
      masterMemoryMiB: 30,
      containerMemoryMiB: 1024,
    });
    expect(r.memory.verdict).toBe('oom');
    expect(r.memory.largestWorkersThatFit).toBe(6);
    expect(codes(r)).toContain('memory-oom');
  });

  it('is tight above 90 % of the limit', () => {
    expect(
      computeCapacity({
        workers: 1,
        memoryPerWorkerMiB: 900,
        masterMemoryMiB: 30,
        containerMemoryMiB: 1000,
      }).memory.verdict,
    ).toBe('tight');
  });
});

describe('computeCapacity: worker presets', () => {
  it.each([
    [4, 1, 8, 9],
    [1, 1, 2, 3],
    [0.5, 1, 1, 2],
    [0.25, 1, 1, 1],
  ])('%f vCPU → default %i, guide %i, Gunicorn docs %i', (vcpus, def, guide, docs) => {
    expect(computeCapacity({ vcpus }).workerPresets).toEqual({
      gunicornDefault: def,
      guide,
      gunicornDocs: docs,
    });
  });

  it('notes workers beyond 2 × CPU + 1', () => {
    expect(codes(computeCapacity({ vcpus: 1, workers: 4 }))).toContain('workers-beyond-cpu');
    expect(codes(computeCapacity({ vcpus: 1, workers: 3 }))).not.toContain('workers-beyond-cpu');
  });
});

describe('presets', () => {
  it("the guide's example preset is the guide's 160", () => {
    const r = computeCapacity(settingsForPreset('guide-example'));
    expect(r.guidePoolSizeProduct).toBe(160);
  });

  it('every preset computes finite peaks', () => {
    for (const preset of CAPACITY_PRESETS) {
      const r = computeCapacity(preset.input);
      expect(Number.isFinite(r.deployTotal), preset.id).toBe(true);
    }
  });

  it('the gevent + PgBouncer preset sees the pool-cap and prepared-statement warnings', () => {
    const r = computeCapacity(settingsForPreset('gevent-pgbouncer'));
    expect(codes(r)).toEqual(
      expect.arrayContaining(['gevent-capped-by-pool', 'pgbouncer-prepared-statements']),
    );
  });
});

describe('sweepTaskCounts', () => {
  it('gives one point per task count, matching computeCapacity', () => {
    const points = sweepTaskCounts(GUIDE, 8);
    expect(points).toHaveLength(8);
    expect(points[5]).toEqual({ tasks: 6, steadyTotal: 48, deployTotal: 96 });
    expect(points[6]?.deployTotal).toBe(112);
  });
});

describe('computeDeployTasks', () => {
  it('rounds maximumPercent down and never goes below the desired count', () => {
    expect(computeDeployTasks(4, 200)).toBe(8);
    expect(computeDeployTasks(1, 150)).toBe(1);
    expect(computeDeployTasks(3, 133)).toBe(3);
    expect(computeDeployTasks(0, 200)).toBe(0);
  });
});

// ---- properties ----

const pgbouncerArb = fc.option(
  fc.record({
    poolMode: fc.constantFrom('session' as const, 'transaction' as const),
    defaultPoolSize: fc.integer({ min: 1, max: 200 }),
    reservePoolSize: fc.integer({ min: 0, max: 20 }),
    maxClientConn: fc.integer({ min: 1, max: 5000 }),
    maxDbConnections: fc.integer({ min: 0, max: 300 }),
    maxPreparedStatements: fc.integer({ min: 0, max: 500 }),
    placement: fc.constantFrom('shared' as const, 'per-task' as const),
  }),
  { nil: null },
);

const inputArb = fc.record({
  vcpus: fc.constantFrom(0.25, 0.5, 1, 2, 4, 8),
  workers: fc.integer({ min: 1, max: 32 }),
  workerClass: fc.constantFrom('sync' as const, 'gthread' as const, 'gevent' as const),
  threads: fc.integer({ min: 1, max: 64 }),
  workerConnections: fc.integer({ min: 1, max: 2000 }),
  connectionsPerRequest: fc.integer({ min: 0, max: 4 }),
  poolSize: fc.integer({ min: 0, max: 50 }),
  maxOverflow: fc.integer({ min: -1, max: 50 }),
  tasks: fc.integer({ min: 0, max: 50 }),
  maximumPercent: fc.integer({ min: 100, max: 300 }),
  minimumHealthyPercent: fc.integer({ min: 0, max: 100 }),
  otherConnections: fc.integer({ min: 0, max: 50 }),
  maxConnections: fc.integer({ min: 10, max: 2000 }),
  pgbouncer: pgbouncerArb,
});

const PEAKS = [
  'steadyPeak',
  'deployPeak',
  'reloadPeak',
  'serverConnections',
  'deployServerConnections',
  'steadyTotal',
  'deployTotal',
] as const;

function expectNoPeakDecrease(before: CapacityResult, after: CapacityResult): void {
  for (const key of PEAKS) expect(after[key]).toBeGreaterThanOrEqual(before[key]);
}

describe('properties', () => {
  it('peaks never decrease when workers, threads or tasks grow', () => {
    fc.assert(
      fc.property(
        inputArb,
        fc.integer({ min: 1, max: 16 }),
        fc.constantFrom('workers', 'threads', 'tasks'),
        (input, more, key) => {
          const before = computeCapacity(input);
          const after = computeCapacity({ ...input, [key]: input[key] + more });
          expectNoPeakDecrease(before, after);
        },
      ),
    );
  });

  it('peaks never decrease when a bounded pool grows', () => {
    fc.assert(
      fc.property(
        inputArb,
        fc.integer({ min: 1, max: 16 }),
        fc.boolean(),
        (input, more, growSize) => {
          // Growing within the bounded regime: pool_size ≥ 1 and max_overflow ≥ 0 (0 and -1 mean unlimited).
          const bounded = {
            ...input,
            poolSize: Math.max(1, input.poolSize),
            maxOverflow: Math.max(0, input.maxOverflow),
          };
          const grown = growSize
            ? { ...bounded, poolSize: bounded.poolSize + more }
            : { ...bounded, maxOverflow: bounded.maxOverflow + more };
          expectNoPeakDecrease(computeCapacity(bounded), computeCapacity(grown));
        },
      ),
    );
  });

  it('the deploy peak is never below the steady peak, and the reload peak never below it either', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const r = computeCapacity(input);
        expect(r.deployPeak).toBeGreaterThanOrEqual(r.steadyPeak);
        expect(r.deployTotal).toBeGreaterThanOrEqual(r.steadyTotal);
        expect(r.reloadPeak).toBeGreaterThanOrEqual(r.steadyPeak);
      }),
    );
  });

  it('PgBouncer caps serverConnections at its pool and never exceeds its clients', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const r = computeCapacity(input);
        const pgb = r.settings.pgbouncer;
        expect(r.serverConnections).toBeLessThanOrEqual(r.steadyPeak);
        expect(r.deployServerConnections).toBeLessThanOrEqual(r.deployPeak);
        if (pgb === null) {
          expect(r.serverConnections).toBe(r.steadyPeak);
          return;
        }
        const pool = pgb.defaultPoolSize + pgb.reservePoolSize;
        const cap = pgb.maxDbConnections > 0 ? Math.min(pool, pgb.maxDbConnections) : pool;
        const instances = pgb.placement === 'per-task' ? r.settings.tasks : 1;
        const deployInstances = pgb.placement === 'per-task' ? r.deployTasks : 1;
        expect(r.serverConnections).toBeLessThanOrEqual(cap * instances);
        expect(r.deployServerConnections).toBeLessThanOrEqual(cap * deployInstances);
      }),
    );
  });

  it('the verdict agrees with the totals, and idle never exceeds the steady peak', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const r = computeCapacity(input);
        const expected =
          r.steadyTotal > r.available
            ? 'exceeds'
            : r.deployTotal > r.available
              ? 'deploy-exceeds'
              : 'fits';
        expect(r.verdict).toBe(expected);
        expect(r.idleConnections).toBeLessThanOrEqual(r.steadyPeak);
        expect(r.poolCapacity).toBeGreaterThanOrEqual(r.steadyPeak);
      }),
    );
  });

  it('the largest task count that fits is exact: it fits, one more does not', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const n = computeCapacity(input).largestTasksThatFit;
        if (n === null) {
          expect(computeCapacity({ ...input, tasks: 1000 }).verdict).toBe('fits');
          return;
        }
        if (n >= 1) expect(computeCapacity({ ...input, tasks: n }).verdict).toBe('fits');
        expect(computeCapacity({ ...input, tasks: n + 1 }).verdict).not.toBe('fits');
      }),
    );
  });

  it('the largest pool_size that fits is exact (with max_overflow 0)', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const p = computeCapacity(input).largestPoolSizeThatFits;
        if (p === null) return;
        if (p >= 1)
          expect(computeCapacity({ ...input, poolSize: p, maxOverflow: 0 }).verdict).toBe('fits');
        expect(computeCapacity({ ...input, poolSize: p + 1, maxOverflow: 0 }).verdict).not.toBe(
          'fits',
        );
      }),
    );
  });

  it('defaults are the real ones listed in CAPACITY_DEFAULTS', () => {
    expect(computeCapacity({}).settings).toEqual(CAPACITY_DEFAULTS);
  });
});

describe('suggestions are alternatives', () => {
  it('each suggestion, applied alone, makes the deploy peak fit (so the widget may say "any one")', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = computeCapacity(input);
        for (const suggestion of result.suggestions) {
          const alone = computeCapacity({ ...input, ...suggestion.patch });
          expect(alone.verdict, `${suggestion.code}: ${suggestion.text}`).toBe('fits');
        }
      }),
      { numRuns: 500 },
    );
  });
});
