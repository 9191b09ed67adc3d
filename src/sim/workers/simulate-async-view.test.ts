import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ASYNC_VIEW_DEFAULTS,
  compareAsyncView,
  describeAsyncView,
  validateAsyncViewSettings,
} from './async-view-settings';
import { simulateAsyncView, type AsyncViewScenario } from './simulate-async-view';

const BASE: AsyncViewScenario = {
  workers: 2,
  requests: 6,
  arrivalGapMs: 0,
  cpuMs: 20,
  apiMs: [300, 200, 250],
  backgroundTaskMs: 0,
  mode: 'sequential',
};

describe('simulateAsyncView', () => {
  it('takes the sum of the calls sequentially and the longest one with gather', () => {
    expect(simulateAsyncView(BASE).viewDurationMs).toBe(20 + 300 + 200 + 250);
    expect(simulateAsyncView({ ...BASE, mode: 'gather' }).viewDurationMs).toBe(20 + 300);
  });

  it('does not raise concurrency: never more requests in service than sync workers', () => {
    for (const mode of ['sequential', 'gather'] as const) {
      const result = simulateAsyncView({ ...BASE, mode });
      expect(result.maxConcurrent).toBe(2);
    }
  });

  it('keeps the worker occupied from accept to return, including while awaiting', () => {
    const result = simulateAsyncView({ ...BASE, mode: 'gather', requests: 3 });
    const [first, second, third] = result.requests;
    // The third request waits for a worker although the first two spend most of their time awaiting.
    expect(third?.startMs).toBe(Math.min(first!.endMs, second!.endMs));
    for (const req of result.requests) {
      for (const segment of req.segments) {
        expect(segment.startMs).toBeGreaterThanOrEqual(req.startMs);
        expect(segment.endMs).toBeLessThanOrEqual(req.endMs);
      }
    }
  });

  it('cancels a create_task job that outlives the view, at the moment the view returns', () => {
    const result = simulateAsyncView({ ...BASE, requests: 1, backgroundTaskMs: 5000 });
    const req = result.requests[0]!;
    expect(req.task?.cancelled).toBe(true);
    expect(req.task?.endMs).toBe(req.endMs);
    expect(req.task!.plannedEndMs).toBeGreaterThan(req.endMs);
  });

  it('lets a create_task job shorter than the rest of the view finish', () => {
    const result = simulateAsyncView({ ...BASE, requests: 1, backgroundTaskMs: 100 });
    expect(result.requests[0]?.task?.cancelled).toBe(false);
  });

  it('holds for any scenario: workers never overlap, tasks stop by the return', () => {
    fc.assert(
      fc.property(
        fc.record({
          workers: fc.integer({ min: 1, max: 8 }),
          requests: fc.integer({ min: 0, max: 12 }),
          arrivalGapMs: fc.integer({ min: 0, max: 1000 }),
          cpuMs: fc.integer({ min: 0, max: 200 }),
          apiMs: fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 0, maxLength: 3 }),
          backgroundTaskMs: fc.integer({ min: 0, max: 5000 }),
          mode: fc.constantFrom('sequential' as const, 'gather' as const),
        }),
        (scenario) => {
          const result = simulateAsyncView(scenario);
          expect(result.maxConcurrent).toBeLessThanOrEqual(scenario.workers);
          const byWorker = new Map<number, { startMs: number; endMs: number }[]>();
          for (const req of result.requests) {
            expect(req.startMs).toBeGreaterThanOrEqual(req.arrivalMs);
            const list = byWorker.get(req.workerIndex) ?? [];
            list.push(req);
            byWorker.set(req.workerIndex, list);
            if (req.task !== null) {
              expect(req.task.endMs).toBeLessThanOrEqual(req.endMs);
              expect(req.task.cancelled).toBe(req.task.plannedEndMs > req.endMs);
            }
          }
          for (const list of byWorker.values()) {
            list.sort((a, b) => a.startMs - b.startMs);
            for (let i = 1; i < list.length; i++) {
              expect(list[i]!.startMs).toBeGreaterThanOrEqual(list[i - 1]!.endMs);
            }
          }
        },
      ),
    );
  });
});

describe('async-view settings and conclusions', () => {
  it('rejects junk and clamps numbers', () => {
    expect(validateAsyncViewSettings('x')).toBeNull();
    expect(validateAsyncViewSettings({ workers: 'two' })).toBeNull();
    expect(validateAsyncViewSettings({ workers: 99 })?.workers).toBe(8);
    expect(validateAsyncViewSettings({})).toEqual(ASYNC_VIEW_DEFAULTS);
  });

  it('states the saving of gather, the unchanged concurrency and the cancelled task', () => {
    const settings = {
      ...ASYNC_VIEW_DEFAULTS,
      workers: 2,
      requests: 4,
      cpuMs: 20,
      api1Ms: 300,
      api2Ms: 200,
      api3Ms: 250,
      backgroundTaskMs: 1500,
    };
    const text = describeAsyncView(settings, compareAsyncView(settings)).join(' ');
    // 770 ms sequential, 320 ms with gather → 450 ms less.
    expect(text).toContain('770 ms');
    expect(text).toContain('320 ms');
    expect(text).toContain('450 ms less');
    expect(text).toContain('at most 2 of the 4 requests');
    expect(text).toContain('cancelled in 4 of 4 requests (sequential)');
  });
});
