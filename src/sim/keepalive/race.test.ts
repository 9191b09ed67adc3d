import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessKeepAliveRace, type KeepAliveWorkerClass } from './race';

const alb = (idleTimeoutSeconds: number) => ({
  kind: 'alb' as const,
  reusesUpstreamConnections: true,
  idleTimeoutSeconds,
});

describe('assessKeepAliveRace', () => {
  it('finds the race for gthread with the default 2 s keepalive behind a 60 s ALB', () => {
    const a = assessKeepAliveRace({
      workerClass: 'gthread',
      gunicornKeepaliveSeconds: 2,
      proxy: alb(60),
    });
    expect(a).toMatchObject({ raceWindow: true, closer: 'gunicorn' });
  });

  it('has no race once keepalive is above the idle timeout', () => {
    const a = assessKeepAliveRace({
      workerClass: 'gthread',
      gunicornKeepaliveSeconds: 65,
      proxy: alb(60),
    });
    expect(a).toMatchObject({ raceWindow: false, closer: 'proxy' });
  });

  it('has no race with sync workers or a proxy that never reuses connections', () => {
    expect(
      assessKeepAliveRace({ workerClass: 'sync', gunicornKeepaliveSeconds: 2, proxy: alb(60) })
        .raceWindow,
    ).toBe(false);
    expect(
      assessKeepAliveRace({
        workerClass: 'gevent',
        gunicornKeepaliveSeconds: 2,
        proxy: { kind: 'nginx', reusesUpstreamConnections: false, idleTimeoutSeconds: 60 },
      }).raceWindow,
    ).toBe(false);
  });

  it('races exactly when a keep-alive worker closes first on a reused connection', () => {
    const classes: KeepAliveWorkerClass[] = [
      'sync',
      'gthread',
      'gevent',
      'eventlet',
      'tornado',
      'asgi',
      'uvicorn',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...classes),
        fc.integer({ min: 0, max: 4000 }),
        fc.integer({ min: 1, max: 4000 }),
        fc.boolean(),
        (workerClass, keepalive, idle, reuses) => {
          const a = assessKeepAliveRace({
            workerClass,
            gunicornKeepaliveSeconds: keepalive,
            proxy: { kind: 'other', reusesUpstreamConnections: reuses, idleTimeoutSeconds: idle },
          });
          expect(a.raceWindow).toBe(
            workerClass !== 'sync' && keepalive > 0 && reuses && idle >= keepalive,
          );
        },
      ),
    );
  });
});
