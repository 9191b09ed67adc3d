import { describe, expect, it } from 'vitest';
import { adviseShutdown } from './advice';
import { SHUTDOWN_PRESET_IDS, scenarioForPreset, validateShutdownScenario } from './presets';
import { createDefaultScenario } from './scenario';
import { simulateShutdown } from './shutdown';

describe('presets', () => {
  it('ECS tuned and Kubernetes with preStop sleep drain without a failure; the others lose requests or time', () => {
    expect(simulateShutdown(scenarioForPreset('ecs-tuned')).summary.failed).toBe(0);
    expect(simulateShutdown(scenarioForPreset('k8s-prestop-sleep')).summary.failed).toBe(0);
    expect(simulateShutdown(scenarioForPreset('k8s-no-prestop')).summary.failed).toBeGreaterThan(0);
    const ecsDefaults = simulateShutdown(scenarioForPreset('ecs-defaults'));
    const ecsTuned = simulateShutdown(scenarioForPreset('ecs-tuned'));
    expect(ecsDefaults.summary.timeToStopMs!).toBeGreaterThan(300_000);
    expect(ecsTuned.summary.timeToStopMs!).toBeLessThan(60_000);
  });

  it('docker stop with a shell-form CMD is SIGKILLed at 10 s; exec form drains and exits 0', () => {
    const shell = simulateShutdown(scenarioForPreset('docker-shell-form'));
    const exec = simulateShutdown(scenarioForPreset('docker-exec-form'));
    expect(shell.summary.exitCode).toBe(137);
    expect(shell.summary.timeToStopMs).toBe(10_000);
    expect(exec.summary.exitCode).toBe(0);
    expect(exec.summary.timeToStopMs!).toBeLessThan(10_000);
  });

  it('"Fix it" on every preset gives settings the advice no longer flags', () => {
    for (const id of SHUTDOWN_PRESET_IDS) {
      const fixed = adviseShutdown(scenarioForPreset(id)).recommended;
      const again = adviseShutdown(fixed);
      expect(
        again.rules.filter((r) => r.status === 'fix').map((r) => r.id),
        id,
      ).toEqual([]);
    }
  });
});

describe('validateShutdownScenario (untrusted URL state)', () => {
  it('accepts a real scenario unchanged', () => {
    const s = createDefaultScenario();
    expect(validateShutdownScenario(JSON.parse(JSON.stringify(s)))).toEqual(s);
  });
  it('rejects what is not an object', () => {
    for (const raw of [null, 42, 'x', [], true]) expect(validateShutdownScenario(raw)).toBeNull();
  });
  it('clamps absurd numbers and replaces unknown choices with defaults', () => {
    const s = validateShutdownScenario({
      platform: '<script>',
      gunicorn: { workers: 1e9, threads: -5, gracefulTimeoutSeconds: Number.NaN, workerClass: 'x' },
      traffic: {
        arrivalsPerSecond: 1e12,
        untilSeconds: 'lots',
        mix: [{ durationSeconds: 1e9, share: 5 }],
      },
      ecs: { deregistrationDelaySeconds: -1 },
    })!;
    expect(s.platform).toBe('ecs-service');
    expect(s.gunicorn.workers).toBe(32);
    expect(s.gunicorn.threads).toBe(1);
    expect(s.gunicorn.gracefulTimeoutSeconds).toBe(30);
    expect(s.gunicorn.workerClass).toBe('sync');
    expect(s.traffic.arrivalsPerSecond).toBe(500);
    expect(s.traffic.mix[0]!.durationSeconds).toBe(3600);
    expect(s.ecs.deregistrationDelaySeconds).toBe(0);
  });
  it('ignores explicit request lists (they never come from a URL)', () => {
    const s = validateShutdownScenario({ requests: [{ arriveAtSeconds: 1, durationSeconds: 1 }] })!;
    expect(s.requests).toBeUndefined();
  });
});
