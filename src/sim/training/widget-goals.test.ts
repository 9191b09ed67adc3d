import { describe, expect, it } from 'vitest';
import { computeCapacity, resolveCapacityInput } from '../capacity/capacity';
import {
  capacityGoalStart,
  checkCapacityGoal,
  checkProxyGoal,
  checkShutdownGoal,
  countChanges,
  proxyGoalStart,
  shutdownGoalStart,
} from './widget-goals';

describe('ProxyHops goal: remote_addr unspoofable in at most three changes', () => {
  it('is not met at the start, and x_for=2 (one change) meets it', () => {
    const start = proxyGoalStart();
    expect(checkProxyGoal(start).met).toBe(false);
    const fixed = { ...start, proxyFix: { ...start.proxyFix, x_for: 2 } };
    expect(checkProxyGoal(fixed).met).toBe(true);
  });

  it('x_for=1 is not spoofable but gives a proxy address: not met', () => {
    const start = proxyGoalStart();
    const low = { ...start, proxyFix: { ...start.proxyFix, x_for: 1 } };
    const status = checkProxyGoal(low);
    expect(status.met).toBe(false);
    expect(status.conditions[1]!.holds).toBe(false);
  });

  it('more than three changes do not count', () => {
    const start = proxyGoalStart();
    const many = {
      ...start,
      proxyFix: { ...start.proxyFix, x_for: 2, x_proto: 0, x_host: 1, x_port: 1 },
    };
    const status = checkProxyGoal(many);
    expect(countChanges(start.proxyFix, many.proxyFix)).toBe(4);
    expect(status.met).toBe(false);
  });
});

describe('ShutdownTimeline goal: zero lost with stopTimeout ≤ 20 s', () => {
  const solved = () => {
    const s = shutdownGoalStart();
    s.ecs.stopTimeoutSeconds = 20;
    s.gunicorn.gracefulTimeoutSeconds = 19;
    s.ecs.deregistrationDelaySeconds = 25;
    return s;
  };

  it('is not met at the start (stopTimeout 30 s); ordered limits under 20 s meet it', () => {
    expect(checkShutdownGoal(shutdownGoalStart()).met).toBe(false);
    expect(checkShutdownGoal(solved()).met).toBe(true);
  });

  it('a short stopTimeout that is clean only by luck does not count', () => {
    const s = shutdownGoalStart();
    s.ecs.stopTimeoutSeconds = 5;
    s.ecs.deregistrationDelaySeconds = 10;
    const status = checkShutdownGoal(s);
    expect(status.met).toBe(false);
    expect(status.conditions.find((c) => c.text.startsWith('Not by luck'))!.holds).toBe(false);
  });

  it('removing the long requests from the traffic does not count', () => {
    const s = solved();
    s.ecs.stopTimeoutSeconds = 10;
    s.gunicorn.gracefulTimeoutSeconds = 5;
    s.traffic.mix = [{ durationSeconds: 0.05, share: 100 }];
    expect(checkShutdownGoal(s).met).toBe(false);
  });
});

describe('Capacity goal: the deploy surge fits without fewer tasks', () => {
  it('is not met at the start; any suggested alternative that keeps tasks and max_connections meets it', () => {
    const start = capacityGoalStart();
    expect(checkCapacityGoal(start).met).toBe(false);
    const pool = computeCapacity(start).suggestions.find((s) => s.code === 'pool')!;
    expect(checkCapacityGoal(resolveCapacityInput({ ...start, ...pool.patch })).met).toBe(true);
  });

  it('fewer tasks, or a higher max_connections, do not count', () => {
    const start = capacityGoalStart();
    expect(checkCapacityGoal({ ...start, tasks: 1 }).met).toBe(false);
    expect(checkCapacityGoal({ ...start, maxConnections: 5000 }).met).toBe(false);
  });
});
