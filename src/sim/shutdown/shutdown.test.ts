import { describe, expect, it } from 'vitest';
import { adviseShutdown } from './advice';
import { createDefaultScenario, type ShutdownScenario } from './scenario';
import { simulateShutdown, type RequestResult } from './shutdown';
import { describeStateAt } from './state-at';
import { directSignalScenario } from './test-helpers';

const SLOW = { arriveAtSeconds: 0.02, durationSeconds: 3 };
const QUEUED = [
  { arriveAtSeconds: 0.3, durationSeconds: 0.01 },
  { arriveAtSeconds: 0.31, durationSeconds: 0.01 },
];
const AFTER_SIGNAL = { arriveAtSeconds: 0.9, durationSeconds: 0.01 };

function byArrival(result: ReturnType<typeof simulateShutdown>, atSeconds: number): RequestResult {
  const found = result.requests.find((r) => Math.abs(r.arriveAtMs - atSeconds * 1000) < 1);
  if (!found) throw new Error(`no request arrived at ${atSeconds}`);
  return found;
}

function fresh(patch: (s: ShutdownScenario) => void): ShutdownScenario {
  const s = createDefaultScenario();
  s.stopAtSeconds = 10;
  patch(s);
  return s;
}

// https://github.com/benoitc/gunicorn/blob/23.0.0/gunicorn/workers/sync.py
describe('Gunicorn sync worker on SIGTERM (workers/sync.py `while self.alive`; measured on 20.1.0)', () => {
  const result = simulateShutdown(
    directSignalScenario({
      signalAtSeconds: 0.6,
      requests: [SLOW, ...QUEUED, AFTER_SIGNAL],
    }),
  );

  it('finishes the request in hand', () => {
    const slow = byArrival(result, 0.02);
    expect(slow.outcome).toBe('completed');
    expect(slow.endAtMs).toBeCloseTo(3020, 0);
  });

  it('resets connections still in the backlog when the last worker exits, even ones that connected after SIGTERM', () => {
    for (const at of [0.3, 0.31, 0.9]) {
      const r = byArrival(result, at);
      expect(r.outcome).toBe('reset');
      expect(r.cause).toBe('backlog-reset');
      expect(r.endAtMs).toBeCloseTo(3020, 0);
    }
  });

  it('exits with code 0 shortly after its last worker', () => {
    expect(result.summary.exitCode).toBe(0);
    expect(result.times.containerExitAtMs).toBeGreaterThan(3020);
    // measured: master exit 3.56 s with the worker done at 3.03 s
    expect(Math.abs(result.times.containerExitAtMs! - 3560)).toBeLessThan(500);
  });
});

// https://github.com/benoitc/gunicorn/blob/23.0.0/gunicorn/arbiter.py
describe('graceful_timeout exceeded (arbiter.py `stop`: SIGKILL after graceful_timeout; master rc 0)', () => {
  const result = simulateShutdown(
    directSignalScenario({
      signalAtSeconds: 0.6,
      requests: [{ arriveAtSeconds: 0.02, durationSeconds: 6 }, ...QUEUED],
      gunicorn: { gracefulTimeoutSeconds: 2 },
    }),
  );
  it('kills the request in progress at signal + graceful_timeout and resets the queue', () => {
    const slow = byArrival(result, 0.02);
    expect(slow.outcome).toBe('killed');
    expect(slow.cause).toBe('sigkill-graceful-timeout');
    expect(slow.endAtMs).toBeCloseTo(2600, 0);
    expect(byArrival(result, 0.3).outcome).toBe('reset');
  });
  it('still exits 0', () => {
    expect(result.summary.exitCode).toBe(0);
  });
});

// https://github.com/benoitc/gunicorn/blob/23.0.0/gunicorn/arbiter.py
// https://github.com/benoitc/gunicorn/blob/23.0.0/gunicorn/workers/base.py
describe('SIGINT quick stop (arbiter INT → stop(False); worker handle_quit sleeps 0.1 s then exits)', () => {
  const result = simulateShutdown(
    directSignalScenario({
      signalAtSeconds: 0.6,
      requests: [SLOW, ...QUEUED, AFTER_SIGNAL],
      container: { stopSignal: 'INT' },
    }),
  );
  it('cuts the request in progress about 0.1 s after the signal', () => {
    const slow = byArrival(result, 0.02);
    expect(slow.outcome).toBe('killed');
    expect(slow.cause).toBe('quick-stop');
    expect(slow.endAtMs).toBeCloseTo(700, 0);
  });
  it('resets the backlog and refuses later connections', () => {
    expect(byArrival(result, 0.3).outcome).toBe('reset');
    expect(byArrival(result, 0.9).outcome).toBe('refused');
  });
  it('on Gunicorn 23+ a sync worker answers that request 500 instead (23.0.0, 24.1.1, 26.1.0 observed)', () => {
    for (const version of ['23', '24+'] as const) {
      const newer = simulateShutdown(
        directSignalScenario({
          signalAtSeconds: 0.6,
          requests: [SLOW, ...QUEUED],
          gunicorn: { version },
          container: { stopSignal: 'INT' },
        }),
      );
      const slow = byArrival(newer, 0.02);
      expect(slow.outcome, version).toBe('error-500');
      expect(slow.cause, version).toBe('quick-stop-500');
      expect(slow.endAtMs, version).toBeCloseTo(700, 0);
      expect(newer.summary.failed, version).toBe(3);
    }
    // gthread runs requests in threads; the main thread's SystemExit does not reach them.
    const threaded = simulateShutdown(
      directSignalScenario({
        signalAtSeconds: 0.6,
        requests: [SLOW],
        gunicorn: { version: '23', workerClass: 'gthread', threads: 2 },
        container: { stopSignal: 'INT' },
      }),
    );
    expect(byArrival(threaded, 0.02).outcome).toBe('killed');
  });
  it('behind an ALB the 500 reaches the client as a 500, not a 502', () => {
    const result = simulateShutdown(
      fresh((s) => {
        // Kubernetes with an ALB ingress: SIGINT races the endpoint removal, so requests are
        // still in flight when it lands.
        s.platform = 'kubernetes';
        s.kubernetes.ingress = 'alb';
        s.gunicorn.version = '23';
        s.container.stopSignal = 'INT';
        s.traffic.mix = [{ durationSeconds: 5, share: 100 }];
      }),
    );
    expect(result.summary.byOutcome['error-500']).toBeGreaterThan(0);
    expect(
      result.requests.filter((r) => r.cause === 'quick-stop-500').map((r) => r.outcome),
    ).not.toContain('lb-502');
  });
});

describe('two sync workers (measured on 20.1.0: "sync, 2 workers")', () => {
  const result = simulateShutdown(
    directSignalScenario({
      signalAtSeconds: 0.6,
      requests: [SLOW, QUEUED[0]!, AFTER_SIGNAL],
      gunicorn: { workers: 2 },
    }),
  );
  it('serves the queued request on the idle worker, resets the one after SIGTERM', () => {
    expect(byArrival(result, 0.3).outcome).toBe('completed');
    expect(byArrival(result, 0.3).endAtMs).toBeLessThan(600);
    expect(byArrival(result, 0.9).outcome).toBe('reset');
    expect(byArrival(result, 0.9).endAtMs).toBeCloseTo(3020, 0);
  });
});

// https://github.com/benoitc/gunicorn/blob/20.1.0/gunicorn/workers/gthread.py, …/23.0.0/…, …/26.1.0/…
describe('gthread after SIGTERM differs by version (workers/gthread.py `run`)', () => {
  const requests = [
    SLOW,
    { arriveAtSeconds: 0.03, durationSeconds: 3 },
    { arriveAtSeconds: 0.3, durationSeconds: 0.01 },
    AFTER_SIGNAL,
  ];
  const run = (version: '20.1' | '23' | '24+') =>
    simulateShutdown(
      directSignalScenario({
        signalAtSeconds: 0.6,
        requests,
        gunicorn: { workerClass: 'gthread', threads: 2, version },
      }),
    );
  it('20.1 serves queued requests and still accepts a connection 0.3 s after SIGTERM (measured)', () => {
    const r = run('20.1');
    expect(byArrival(r, 0.3).outcome).toBe('completed');
    expect(byArrival(r, 0.3).endAtMs).toBeGreaterThan(3000);
    expect(byArrival(r, 0.9).outcome).toBe('completed');
  });
  it('23 accepts it on the final wake-up and drops it', () => {
    const r = run('23');
    expect(byArrival(r, 0.3).outcome).toBe('completed');
    expect(byArrival(r, 0.9).outcome).toBe('reset');
    expect(byArrival(r, 0.9).cause).toBe('abandoned-after-accept');
    // Closed at once (the last reference goes with poller.close()), not when the worker exits.
    expect(byArrival(r, 0.9).endAtMs).toBeCloseTo(900, 0);
  });
  it('24+ stops accepting at once; the late connection waits in the backlog and is reset', () => {
    const r = run('24+');
    expect(byArrival(r, 0.3).outcome).toBe('completed');
    expect(byArrival(r, 0.9).cause).toBe('backlog-reset');
  });
  // https://github.com/benoitc/gunicorn/blob/23.0.0/gunicorn/config.py
  it('sync with threads > 1 runs as gthread (config.py worker_class)', () => {
    const r = simulateShutdown(
      directSignalScenario({
        signalAtSeconds: 0.6,
        requests,
        gunicorn: { workerClass: 'sync', threads: 2, version: '20.1' },
      }),
    );
    expect(byArrival(r, 0.03).startAtMs).toBeCloseTo(30, 0);
  });
});

// https://github.com/benoitc/gunicorn/blob/23.0.0/gunicorn/workers/ggevent.py
describe('gevent (ggevent.py: checks alive every 1 s, drains up to graceful_timeout)', () => {
  const r = simulateShutdown(
    directSignalScenario({
      signalAtSeconds: 0.6,
      requests: [
        SLOW,
        { arriveAtSeconds: 0.8, durationSeconds: 0.5 },
        { arriveAtSeconds: 1.5, durationSeconds: 0.1 },
      ],
      gunicorn: { workerClass: 'gevent', version: '23' },
    }),
  );
  it('keeps accepting until its next one-second check, then drains', () => {
    expect(byArrival(r, 0.02).outcome).toBe('completed');
    expect(byArrival(r, 0.8).outcome).toBe('completed');
    expect(byArrival(r, 1.5).outcome).not.toBe('completed');
  });
});

// https://docs.docker.com/reference/dockerfile/#shell-and-exec-form
// https://docs.docker.com/reference/cli/docker/container/run/#init
describe('PID 1 (dash ignores SIGTERM; exec form, exec, bash and --init forward it)', () => {
  const requests = [
    { arriveAtSeconds: 5, durationSeconds: 12 },
    { arriveAtSeconds: 9, durationSeconds: 0.5 },
    { arriveAtSeconds: 16, durationSeconds: 5 },
  ];
  const dockerStop = (pid1: ShutdownScenario['container']['pid1']) =>
    simulateShutdown(
      fresh((s) => {
        s.platform = 'docker-stop';
        s.stopAtSeconds = 8;
        s.container.pid1 = pid1;
        s.requests = requests;
      }),
    );
  it('shell form under dash: nothing graceful, everything SIGKILLed at 10 s, exit 137', () => {
    const r = dockerStop('shell-form-dash');
    expect(r.times.gunicornSignalAtMs).toBeNull();
    expect(r.times.killAtMs).toBe(18_000);
    expect(r.summary.exitCode).toBe(137);
    expect(byArrival(r, 5).outcome).toBe('completed');
    // Gunicorn never heard the signal: it keeps serving new requests…
    expect(byArrival(r, 9).outcome).toBe('completed');
    // …until SIGKILL cuts whatever runs at 10 s.
    expect(byArrival(r, 16).outcome).toBe('killed');
    expect(byArrival(r, 16).cause).toBe('sigkill-orchestrator');
    expect(byArrival(r, 16).endAtMs).toBe(18_000);
  });
  for (const pid1 of ['exec-form', 'shell-form-exec', 'shell-form-bash', 'init'] as const) {
    it(`${pid1}: Gunicorn gets SIGTERM, finishes the request, exits 0`, () => {
      const r = dockerStop(pid1);
      expect(r.times.gunicornSignalAtMs).toBe(8000);
      expect(byArrival(r, 5).outcome).toBe('completed');
      // it stopped accepting at SIGTERM: later connections wait in the backlog and are reset
      expect(byArrival(r, 9).outcome).toBe('reset');
      expect(byArrival(r, 16).outcome).toBe('reset');
      expect(r.summary.exitCode).toBe(0);
    });
  }
});

// https://docs.docker.com/reference/cli/docker/container/stop/
describe('docker stop timeouts (default 10 s, -t 0 kills now, -t -1 waits)', () => {
  const base = (t: number) =>
    simulateShutdown(
      fresh((s) => {
        s.platform = 'docker-stop';
        s.docker.stopTimeoutSeconds = t;
        s.requests = [{ arriveAtSeconds: 9, durationSeconds: 5 }];
      }),
    );
  it('-t 0 sends SIGKILL at once', () => {
    const r = base(0);
    expect(r.times.killAtMs).toBe(10_000);
    expect(r.requests[0]!.outcome).toBe('killed');
  });
  it('-t -1 never sends SIGKILL', () => {
    const r = base(-1);
    expect(r.times.killAtMs).toBeNull();
    expect(r.requests[0]!.outcome).toBe('completed');
  });
});

// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/load-balancer-connection-draining.html
// https://docs.aws.amazon.com/elasticloadbalancing/latest/application/edit-target-group-attributes.html#deregistration-delay
describe('ECS service deploy (deregister → draining for the whole delay → SIGTERM → stopTimeout → SIGKILL)', () => {
  const scenario = fresh((s) => {
    s.platform = 'ecs-service';
    s.ecs.deregistrationDelaySeconds = 20;
    s.requests = [
      { arriveAtSeconds: 5, durationSeconds: 30 },
      { arriveAtSeconds: 9, durationSeconds: 1 },
      { arriveAtSeconds: 11, durationSeconds: 1 },
    ];
  });
  const r = simulateShutdown(scenario);
  it('stops routing at the stop command and sends SIGTERM only after the delay', () => {
    expect(r.times.routingStopAtMs).toBe(10_000);
    expect(r.times.signalAtMs).toBe(30_000);
    expect(r.times.killAtMs).toBe(60_000);
    expect(byArrival(r, 11).outcome).toBe('not-routed');
    expect(byArrival(r, 9).outcome).toBe('completed');
  });
  it('gives a 502 to a request still in flight when the delay elapses', () => {
    const long = byArrival(r, 5);
    expect(long.outcome).toBe('lb-502');
    expect(long.cause).toBe('deregistration-delay');
    expect(long.endAtMs).toBe(30_000);
  });
  it('caps stopTimeout at 120 s on Fargate but not on EC2', () => {
    const fargate = simulateShutdown(fresh((s) => (s.ecs.stopTimeoutSeconds = 300)));
    const ec2 = simulateShutdown(
      fresh((s) => {
        s.ecs.stopTimeoutSeconds = 300;
        s.ecs.launchType = 'ec2';
      }),
    );
    expect(fargate.times.killAtMs! - fargate.times.signalAtMs!).toBe(120_000);
    expect(ec2.times.killAtMs! - ec2.times.signalAtMs!).toBe(300_000);
  });
});

// https://github.com/aws/amazon-ecs-agent/issues/2316
describe('ECS manual StopTask (historically no drain, UNVERIFIED today)', () => {
  const r = simulateShutdown(
    fresh((s) => {
      s.platform = 'ecs-stop-task';
      s.traffic.arrivalsPerSecond = 5;
    }),
  );
  it('signals at once and keeps routing until health checks fail, so clients get 502s', () => {
    expect(r.times.signalAtMs).toBe(10_000);
    // interval 30 s, threshold 2, timeout 5 s: first failing check at 30 s, unhealthy at 65 s
    expect(r.times.routingStopAtMs).toBe(65_000);
    expect(r.summary.byOutcome['lb-502']).toBeGreaterThan(0);
    expect(r.summary.verdict).toContain('UNVERIFIED');
  });
});

// https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination
describe('Kubernetes (pod termination)', () => {
  const k8s = (patch: (s: ShutdownScenario) => void) =>
    simulateShutdown(
      fresh((s) => {
        s.platform = 'kubernetes';
        s.kubernetes.endpointPropagationSeconds = 3;
        patch(s);
      }),
    );
  it('without preStop, SIGTERM races endpoint removal: connections in that window are reset', () => {
    const r = k8s((s) => {
      s.gunicorn.workers = 1;
      s.requests = [
        { arriveAtSeconds: 9, durationSeconds: 5 },
        { arriveAtSeconds: 11, durationSeconds: 0.1 },
        { arriveAtSeconds: 14, durationSeconds: 0.1 },
      ];
    });
    expect(r.times.signalAtMs).toBe(10_000);
    expect(byArrival(r, 9).outcome).toBe('completed');
    expect(byArrival(r, 11).outcome).toBe('reset');
    expect(byArrival(r, 14).outcome).toBe('not-routed');
  });
  it('preStop sleep ≥ propagation delays SIGTERM until no one connects any more', () => {
    const r = k8s((s) => {
      s.kubernetes.preStop = 'sleep';
      s.kubernetes.preStopSeconds = 5;
      s.requests = [
        { arriveAtSeconds: 9, durationSeconds: 5 },
        { arriveAtSeconds: 11, durationSeconds: 0.1 },
      ];
    });
    expect(r.times.signalAtMs).toBe(15_000);
    expect(r.summary.failed).toBe(0);
  });
  it('the grace clock starts before preStop: 60 s grace, 55 s hook, 10 s to stop → killed (the docs example)', () => {
    const r = k8s((s) => {
      s.kubernetes.terminationGracePeriodSeconds = 60;
      s.kubernetes.preStop = 'sleep';
      s.kubernetes.preStopSeconds = 55;
      s.gunicorn.timeoutSeconds = 0; // no heartbeat kill for this long request
      s.requests = [{ arriveAtSeconds: 10, durationSeconds: 64 }];
    });
    expect(r.times.signalAtMs).toBe(65_000);
    expect(r.times.killAtMs).toBe(70_000);
    expect(r.requests[0]!.outcome).toBe('killed');
    expect(r.requests[0]!.endAtMs).toBe(70_000);
  });
  it('a preStop that overruns the grace period gets a one-off 2 s extension', () => {
    const r = k8s((s) => {
      s.kubernetes.preStop = 'sleep';
      s.kubernetes.preStopSeconds = 45;
    });
    expect(r.times.signalAtMs).toBe(40_000);
    expect(r.times.killAtMs).toBe(42_000);
  });
});

// https://github.com/benoitc/gunicorn/blob/23.0.0/gunicorn/config.py (`timeout`)
// https://github.com/benoitc/gunicorn/blob/23.0.0/gunicorn/arbiter.py (`murder_workers`)
describe('sync heartbeat timeout (`timeout` 30: SIGABRT then SIGKILL)', () => {
  it('kills a sync request that runs longer than timeout before any shutdown', () => {
    const r = simulateShutdown(
      fresh((s) => {
        s.platform = 'docker-stop';
        s.stopAtSeconds = 100;
        s.gunicorn.timeoutSeconds = 30;
        s.requests = [{ arriveAtSeconds: 1, durationSeconds: 45 }];
      }),
    );
    expect(r.requests[0]!.outcome).toBe('killed');
    expect(r.requests[0]!.cause).toBe('worker-timeout');
    expect(r.requests[0]!.endAtMs).toBe(31_000);
  });
});

describe('advice and "Fix it"', () => {
  it('names the ECS ordering and fixes graceful_timeout ≥ stopTimeout', () => {
    const advice = adviseShutdown(createDefaultScenario());
    expect(advice.ordering).toContain('graceful_timeout < stopTimeout');
    expect(advice.rules.find((r) => r.id === 'stop-timeout')?.status).toBe('fix');
    const rec = advice.recommended;
    expect(rec.gunicorn.gracefulTimeoutSeconds).toBeLessThan(rec.ecs.stopTimeoutSeconds);
  });
  it('switches shell form to exec form', () => {
    const advice = adviseShutdown(fresh((s) => (s.container.pid1 = 'shell-form-dash')));
    expect(advice.recommended.container.pid1).toBe('exec-form');
  });
  for (const platform of ['ecs-service', 'ecs-stop-task', 'kubernetes'] as const) {
    it(`the recommended ${platform} settings lose no request of the default traffic`, () => {
      const s = fresh((x) => {
        x.platform = platform;
        // ECS/StopTask: shell form; Kubernetes: exec form but no preStop (the endpoint race)
        if (platform !== 'kubernetes') x.container.pid1 = 'shell-form-dash';
        x.ecs.deregistrationDelaySeconds = 5;
      });
      if (platform !== 'ecs-service') expect(simulateShutdown(s).summary.failed).toBeGreaterThan(0);
      expect(simulateShutdown(adviseShutdown(s).recommended).summary.failed).toBe(0);
    });
  }
});

describe('determinism and accounting', () => {
  it('replays the same run for the same seed and changes with the seed', () => {
    const a = simulateShutdown(createDefaultScenario());
    const b = simulateShutdown(createDefaultScenario());
    expect(b).toEqual(a);
    const c = simulateShutdown(fresh((s) => (s.seed = 2)));
    expect(c.requests.map((r) => r.arriveAtMs)).not.toEqual(a.requests.map((r) => r.arriveAtMs));
  });
  it('the verdict counts what failed and names the limits', () => {
    const r = simulateShutdown(
      fresh((s) => {
        s.platform = 'docker-stop';
        s.container.pid1 = 'shell-form-dash';
      }),
    );
    expect(r.summary.failed).toBeGreaterThan(0);
    expect(r.summary.verdict).toMatch(/^[\d,]+ of [\d,]+ requests failed: /);
    expect(r.summary.verdict).toContain('cut by SIGKILL at 10 s after the stop signal');
  });
  it('after the SIGKILL of a shell-form container the cursor shows the master gone', () => {
    const r = simulateShutdown(
      fresh((s) => {
        s.platform = 'docker-stop';
        s.container.pid1 = 'shell-form-dash';
      }),
    );
    const lanes = describeStateAt(r, r.times.killAtMs! + 1).lanes;
    expect(lanes.find((l) => l.lane === 'master')?.state).toBe('gone (SIGKILL)');
    expect(lanes.find((l) => l.lane === 'worker-1')?.state).toBe('killed');
  });
  it('the cursor state counts every arrived request once', () => {
    const r = simulateShutdown(createDefaultScenario());
    const at = 65_432;
    const state = describeStateAt(r, at);
    const arrived = r.requests.filter((q) => q.arriveAtMs <= at).length;
    const finished = Object.values(state.finished).reduce((a, b) => a + b, 0);
    expect(finished + state.running + state.waiting).toBe(arrived);
    expect(state.lanes.find((l) => l.lane === 'load-balancer')?.state).toContain('draining');
  });
});
