import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeErlangC, computeMeanWaitMs } from './erlang-c';
import type { RequestKind, WorkerRunResult, WorkerScenario } from './scenario';
import { simulateWorkers } from './simulate-workers';

const BASE: WorkerScenario = {
  seed: 11,
  durationMs: 60_000,
  maxRequests: 1_000_000,
  arrivals: { kind: 'poisson', ratePerSecond: 10 },
  mix: [{ name: 'a', weight: 1, cpuMs: 50, ioMs: 0, usesDb: false, variability: 'exponential' }],
  cores: 2,
  workers: 2,
  workerClass: 'sync',
  threads: 1,
  workerConnections: 1000,
  poolSize: 5,
  maxOverflow: 10,
  poolTimeoutMs: 30_000,
  timeoutSeconds: 30,
  restartMs: 1000,
  backlog: 2048,
  sampleEveryMs: 1000,
  recordProcesses: false,
};

function kind(partial: Partial<RequestKind>): RequestKind {
  return {
    name: 'k',
    weight: 1,
    cpuMs: 0,
    ioMs: 0,
    usesDb: false,
    variability: 'exponential',
    ...partial,
  };
}

function failures(result: WorkerRunResult): number {
  return result.failed.refused + result.failed['worker-timeout'] + result.failed['pool-timeout'];
}

describe('computeErlangC (the formula the simulation is checked against)', () => {
  it('reduces to ρ for one server: an M/M/1 arrival waits with probability ρ', () => {
    for (const rho of [0.1, 0.5, 0.9]) expect(computeErlangC(1, rho)).toBeCloseTo(rho, 12);
  });

  it('gives the textbook 1/3 for two servers offered one Erlang', () => {
    // a = 1, c = 2: (1/2 · 2/1) / (1 + 1 + 1) = 1/3.
    expect(computeErlangC(2, 1)).toBeCloseTo(1 / 3, 12);
  });

  it('gives the M/M/1 mean wait ρ/(μ − λ)', () => {
    // λ = 0.008/ms, 1/μ = 100 ms → ρ = 0.8, Wq = 0.8 / (0.01 − 0.008) = 400 ms.
    expect(computeMeanWaitMs(1, 0.008, 100)).toBeCloseTo(400, 9);
  });
});

describe('simulateWorkers against M/M/c (Erlang C)', () => {
  // CPU-only work, exponential service, sync workers, cores ≥ workers and no timeout or backlog
  // limit: each worker is one server of an M/M/c queue, so the mean wait before a worker accepts
  // the connection must match Wq = C(c, a) / (cμ − λ).
  const cases = [
    { workers: 4, cores: 4, ratePerSecond: 30, cpuMs: 100, seed: 3 },
    { workers: 2, cores: 8, ratePerSecond: 16, cpuMs: 100, seed: 5 },
  ];
  for (const c of cases) {
    it(`matches within 5 % for ${c.workers} workers, λ=${c.ratePerSecond}/s, 1/μ=${c.cpuMs} ms`, () => {
      const result = simulateWorkers({
        ...BASE,
        seed: c.seed,
        durationMs: 1e9,
        maxRequests: 300_000,
        arrivals: { kind: 'poisson', ratePerSecond: c.ratePerSecond },
        mix: [kind({ cpuMs: c.cpuMs })],
        workers: c.workers,
        cores: c.cores,
        timeoutSeconds: 0,
        backlog: Number.MAX_SAFE_INTEGER,
      });
      const expected = computeMeanWaitMs(c.workers, c.ratePerSecond / 1000, c.cpuMs);
      expect(result.completed).toBe(300_000);
      expect(Math.abs(result.meanQueueWaitMs - expected) / expected).toBeLessThan(0.05);
      // And the time in the system is the wait plus the mean service time.
      const expectedW = expected + c.cpuMs;
      expect(Math.abs(result.latencyMs.mean - expectedW) / expectedW).toBeLessThan(0.05);
    });
  }
});

const scenarioArbitrary: fc.Arbitrary<WorkerScenario> = fc
  .record({
    seed: fc.nat(),
    workerClass: fc.constantFrom('sync' as const, 'gthread' as const, 'gevent' as const),
    workers: fc.integer({ min: 1, max: 6 }),
    cores: fc.integer({ min: 1, max: 4 }),
    threads: fc.integer({ min: 1, max: 8 }),
    workerConnections: fc.integer({ min: 1, max: 50 }),
    bursts: fc.boolean(),
    ratePerSecond: fc.double({ min: 1, max: 400, noNaN: true }),
    burstSize: fc.integer({ min: 1, max: 60 }),
    burstEveryMs: fc.integer({ min: 1, max: 2000 }),
    kinds: fc.array(
      fc.record({
        weight: fc.double({ min: 0.1, max: 5, noNaN: true }),
        cpuMs: fc.double({ min: 0, max: 200, noNaN: true }),
        ioMs: fc.double({ min: 0, max: 3000, noNaN: true }),
        usesDb: fc.boolean(),
        fixed: fc.boolean(),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    poolSize: fc.integer({ min: 0, max: 4 }),
    maxOverflow: fc.integer({ min: -1, max: 3 }),
    poolTimeoutMs: fc.integer({ min: 1, max: 3000 }),
    timeoutSeconds: fc.integer({ min: 0, max: 3 }),
    restartMs: fc.integer({ min: 0, max: 2000 }),
    backlog: fc.integer({ min: 1, max: 100 }),
    durationMs: fc.integer({ min: 100, max: 20_000 }),
  })
  .map((r) => ({
    ...BASE,
    seed: r.seed,
    workerClass: r.workerClass,
    workers: r.workers,
    cores: r.cores,
    threads: r.threads,
    workerConnections: r.workerConnections,
    arrivals: r.bursts
      ? { kind: 'bursts' as const, burstSize: r.burstSize, burstEveryMs: r.burstEveryMs }
      : { kind: 'poisson' as const, ratePerSecond: r.ratePerSecond },
    mix: r.kinds.map((k) =>
      kind({
        weight: k.weight,
        cpuMs: k.cpuMs,
        ioMs: k.ioMs,
        usesDb: k.usesDb,
        variability: k.fixed ? 'fixed' : 'exponential',
      }),
    ),
    poolSize: r.poolSize,
    maxOverflow: r.maxOverflow,
    poolTimeoutMs: r.poolTimeoutMs,
    timeoutSeconds: r.timeoutSeconds,
    restartMs: r.restartMs,
    backlog: r.backlog,
    durationMs: r.durationMs,
    maxRequests: 600,
    sampleEveryMs: 50,
  }));

describe("simulateWorkers bookkeeping (Little's law, conservation)", () => {
  it('satisfies L = λW on every run, for the whole system and for the backlog alone', () => {
    // Little (1961): over a window that starts and ends empty, the time-average number in a
    // system equals the arrival rate times the mean time each arrival spends in it. The
    // simulation integrates the number present at every event and, separately, sums each
    // request's time; a request lost or counted twice breaks the equality.
    fc.assert(
      fc.property(scenarioArbitrary, (scenario) => {
        const result = simulateWorkers(scenario);
        const { meanInSystem, arrivalRatePerMs, meanTimeInSystemMs, meanQueued, meanQueueTimeMs } =
          result.little;
        const lw = arrivalRatePerMs * meanTimeInSystemMs;
        expect(Math.abs(meanInSystem - lw)).toBeLessThanOrEqual(1e-9 * Math.max(1, lw));
        const lwQueue = arrivalRatePerMs * meanQueueTimeMs;
        expect(Math.abs(meanQueued - lwQueue)).toBeLessThanOrEqual(1e-9 * Math.max(1, lwQueue));
      }),
      { numRuns: 150 },
    );
  });

  it('accounts for every arrival exactly once and respects every limit', () => {
    fc.assert(
      fc.property(scenarioArbitrary, (scenario) => {
        const result = simulateWorkers(scenario);
        expect(result.completed + failures(result)).toBe(result.arrivals);
        expect(result.maxQueued).toBeLessThanOrEqual(scenario.backlog);
        const perWorker =
          scenario.workerClass === 'sync'
            ? 1
            : scenario.workerClass === 'gthread'
              ? scenario.threads
              : scenario.workerConnections;
        expect(result.maxInService).toBeLessThanOrEqual(scenario.workers * perWorker);
        if (scenario.poolSize > 0 && scenario.maxOverflow >= 0) {
          expect(result.pool.peakInUsePerWorker).toBeLessThanOrEqual(
            scenario.poolSize + scenario.maxOverflow,
          );
        }
        if (scenario.timeoutSeconds === 0 || scenario.workerClass === 'gthread') {
          expect(result.workerKills).toBe(0);
        }
        for (const sample of result.series) {
          expect(sample.cpuUse).toBeGreaterThanOrEqual(0);
          expect(sample.cpuUse).toBeLessThanOrEqual(1);
          expect(sample.queued).toBeLessThanOrEqual(scenario.backlog);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('replays a seed exactly and changes with another seed', () => {
    const a = simulateWorkers({ ...BASE, seed: 9 });
    const b = simulateWorkers({ ...BASE, seed: 9 });
    const c = simulateWorkers({ ...BASE, seed: 10 });
    expect(b).toEqual(a);
    expect(c.latencyMs.p95).not.toBe(a.latencyMs.p95);
  });
});

describe('claim: more workers than cores adds no throughput for CPU-bound work', () => {
  const cpuBound = (workers: number, cores: number): WorkerRunResult =>
    simulateWorkers({
      ...BASE,
      durationMs: 120_000,
      // Offered 60/s, while 2 cores at 40 ms per request can do at most 50/s.
      arrivals: { kind: 'poisson', ratePerSecond: 60 },
      mix: [kind({ cpuMs: 40 })],
      workers,
      cores,
      backlog: 1_000_000,
      timeoutSeconds: 0,
    });

  it('serves the same ~50 requests/s with 2, 4, 8 or 16 workers on 2 cores', () => {
    const throughputs = [2, 4, 8, 16].map((workers) => cpuBound(workers, 2).throughputPerSecond);
    const ceiling = (2 * 1000) / 40;
    for (const throughput of throughputs) {
      expect(throughput).toBeLessThanOrEqual(ceiling * 1.02);
      expect(throughput).toBeGreaterThan(ceiling * 0.9);
    }
    expect(Math.max(...throughputs) / Math.min(...throughputs)).toBeLessThan(1.03);
  });

  it('does gain throughput from extra workers when there are cores for them (control)', () => {
    expect(cpuBound(8, 8).throughputPerSecond).toBeGreaterThan(
      cpuBound(2, 8).throughputPerSecond * 1.15,
    );
  });
});

describe('claim: gthread and gevent help only when IO waiting dominates', () => {
  const run = (
    workerClass: WorkerScenario['workerClass'],
    cpuMs: number,
    ioMs: number,
    rate: number,
  ) =>
    simulateWorkers({
      ...BASE,
      durationMs: 60_000,
      arrivals: { kind: 'poisson', ratePerSecond: rate },
      mix: [kind({ cpuMs, ioMs })],
      workers: 4,
      cores: 2,
      workerClass,
      threads: 8,
      backlog: 1_000_000,
      timeoutSeconds: 0,
    }).throughputPerSecond;

  it('multiplies throughput when requests mostly wait on IO', () => {
    // 5 ms CPU + 150 ms IO: 4 sync workers manage at most 4 / 0.155 s ≈ 26/s.
    const sync = run('sync', 5, 150, 100);
    expect(sync).toBeLessThan(27);
    expect(run('gthread', 5, 150, 100)).toBeGreaterThan(sync * 3);
    expect(run('gevent', 5, 150, 100)).toBeGreaterThan(sync * 3);
  });

  it('adds nothing when requests are mostly CPU', () => {
    // 60 ms CPU + 5 ms IO: the 2 cores cap everyone near 33/s.
    const sync = run('sync', 60, 5, 60);
    expect(run('gthread', 60, 5, 60)).toBeLessThan(sync * 1.05);
    expect(run('gevent', 60, 5, 60)).toBeLessThan(sync * 1.05);
  });
});

describe('Gunicorn timeout, the DB pool and the backlog', () => {
  const slowMix = [kind({ weight: 1, cpuMs: 1, ioMs: 35_000, variability: 'fixed', name: 'slow' })];

  it('kills a sync worker whose request outlives timeout, failing that request', () => {
    const result = simulateWorkers({
      ...BASE,
      arrivals: { kind: 'bursts', burstSize: 3, burstEveryMs: 1_000_000 },
      mix: slowMix,
      workers: 3,
      timeoutSeconds: 30,
    });
    expect(result.failed['worker-timeout']).toBe(3);
    expect(result.workerKills).toBe(3);
    expect(result.completed).toBe(0);
    expect(result.endMs).toBeCloseTo(30_000, 6);
  });

  it('lets gthread threads finish slow requests (the main loop keeps heartbeating)', () => {
    const result = simulateWorkers({
      ...BASE,
      arrivals: { kind: 'bursts', burstSize: 3, burstEveryMs: 1_000_000 },
      mix: slowMix,
      workers: 1,
      workerClass: 'gthread',
      threads: 4,
      timeoutSeconds: 30,
    });
    expect(result.workerKills).toBe(0);
    expect(result.completed).toBe(3);
    expect(result.latencyMs.p50).toBeGreaterThanOrEqual(35_000);
  });

  it('kills a gevent worker whose CPU burst outlives timeout, with every greenlet in it', () => {
    const result = simulateWorkers({
      ...BASE,
      arrivals: { kind: 'bursts', burstSize: 5, burstEveryMs: 1_000_000 },
      // 3 s of CPU in halves of 1.5 s: each half blocks the heartbeat longer than 1 s.
      mix: [kind({ cpuMs: 3000, ioMs: 10, variability: 'fixed' })],
      workers: 1,
      cores: 1,
      workerClass: 'gevent',
      timeoutSeconds: 1,
    });
    expect(result.workerKills).toBeGreaterThanOrEqual(1);
    // The first kill takes the running greenlet and the four waiting behind it.
    expect(result.failed['worker-timeout']).toBe(5);
    expect(result.endMs).toBeCloseTo(1000, 6);
  });

  it('makes requests wait for, then time out on, a starved pool', () => {
    const result = simulateWorkers({
      ...BASE,
      arrivals: { kind: 'bursts', burstSize: 10, burstEveryMs: 1_000_000 },
      mix: [kind({ cpuMs: 0, ioMs: 1000, usesDb: true, variability: 'fixed' })],
      workers: 1,
      workerClass: 'gthread',
      threads: 10,
      poolSize: 2,
      maxOverflow: 1,
      poolTimeoutMs: 1500,
    });
    // 3 connections: 3 requests run at once, 3 more get a connection after 1 s, the last 4
    // would get one only at 2 s, after their 1.5 s pool_timeout.
    expect(result.pool.peakInUsePerWorker).toBe(3);
    expect(result.pool.waits).toBe(7);
    expect(result.pool.timeouts).toBe(4);
    expect(result.completed).toBe(6);
  });

  it('never makes a sync worker wait for a connection with the default pool', () => {
    const result = simulateWorkers({
      ...BASE,
      mix: [kind({ cpuMs: 10, ioMs: 50, usesDb: true })],
      arrivals: { kind: 'poisson', ratePerSecond: 100 },
    });
    expect(result.pool.waits).toBe(0);
    expect(result.pool.peakInUsePerWorker).toBe(1);
  });

  it('refuses connections beyond the listen backlog', () => {
    const result = simulateWorkers({
      ...BASE,
      arrivals: { kind: 'bursts', burstSize: 50, burstEveryMs: 1_000_000 },
      mix: [kind({ cpuMs: 10, variability: 'fixed' })],
      workers: 1,
      backlog: 10,
    });
    // One accepted, ten waiting, the rest refused.
    expect(result.failed.refused).toBe(39);
    expect(result.completed).toBe(11);
  });

  it('restarts killed workers, which serve again after restartMs', () => {
    const result = simulateWorkers({
      ...BASE,
      durationMs: 100_000,
      arrivals: { kind: 'poisson', ratePerSecond: 2 },
      mix: [
        kind({ weight: 1, cpuMs: 1, ioMs: 40_000, variability: 'fixed' }),
        kind({ weight: 9, cpuMs: 5, ioMs: 20 }),
      ],
      workers: 2,
      timeoutSeconds: 30,
      restartMs: 1000,
      recordProcesses: true,
    });
    expect(result.workerKills).toBeGreaterThan(0);
    expect(result.failed['worker-timeout']).toBe(result.workerKills);
    expect(result.series.some((sample) => sample.workersAlive < 2)).toBe(true);
    // A worker is down (-1) for restartMs = one 1 s sample interval, never two samples in a row.
    for (let proc = 0; proc < 2; proc++) {
      const states = result.processSeries.map((row) => row[proc]);
      expect(states).toContain(-1);
      states.forEach((state, index) => {
        if (state === -1) expect(states[index + 1]).not.toBe(-1);
      });
    }
    expect(result.completed).toBeGreaterThan(100);
  });
});

describe('simulateWorkers with sub-nanosecond request times', () => {
  it('reports zero time averages instead of NaN (fast-check counterexample, seed -1122708350)', () => {
    const result = simulateWorkers({
      seed: 0,
      durationMs: 100,
      maxRequests: 600,
      arrivals: { kind: 'bursts', burstSize: 1, burstEveryMs: 100 },
      mix: [
        {
          name: 'k',
          weight: 0.1,
          cpuMs: 0,
          ioMs: 5e-324,
          usesDb: false,
          variability: 'exponential',
        },
      ],
      cores: 1,
      workers: 1,
      workerClass: 'sync',
      threads: 1,
      workerConnections: 1,
      poolSize: 0,
      maxOverflow: 0,
      poolTimeoutMs: 1,
      timeoutSeconds: 0,
      restartMs: 0,
      backlog: 1,
      sampleEveryMs: 50,
      recordProcesses: false,
    });
    for (const value of Object.values(result.little)) expect(Number.isFinite(value)).toBe(true);
    expect(result.completed).toBe(result.arrivals);
  });
});
