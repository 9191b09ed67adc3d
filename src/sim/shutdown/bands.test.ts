import { describe, expect, it } from 'vitest';
import { shutdownBands } from './bands';
import { scenarioForPreset } from './presets';
import { simulateShutdown } from './shutdown';

describe('shutdownBands', () => {
  it('ECS: the drain window runs from the stop command to the deregistration deadline, then the stop timeout', () => {
    const s = scenarioForPreset('ecs-defaults');
    s.ecs.deregistrationDelaySeconds = 10;
    s.ecs.stopTimeoutSeconds = 5;
    const result = simulateShutdown(s);
    const bands = shutdownBands(result);
    const drain = bands.find((b) => b.kind === 'drain')!;
    expect(drain.toMs - drain.fromMs).toBe(10_000);
    const stop = bands.find((b) => b.kind === 'stop-timeout')!;
    expect(stop.fromMs).toBe(drain.toMs);
    expect(stop.toMs - stop.fromMs).toBe(5_000);
    expect(bands.find((b) => b.kind === 'graceful')!.label).toContain('30 s');
  });

  it('shell form under docker stop: the SIGKILL is drawn, and no graceful_timeout (Gunicorn never hears the signal)', () => {
    const result = simulateShutdown(scenarioForPreset('docker-shell-form'));
    const kinds = shutdownBands(result).map((b) => b.kind);
    expect(kinds).toContain('kill');
    expect(kinds).not.toContain('graceful');
  });
});
