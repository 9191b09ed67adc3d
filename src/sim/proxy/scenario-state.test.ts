import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createScenario, PRESET_NAMES, simulateChain } from './hops';
import { MAX_HOPS, validateScenario } from './scenario-state';

describe('validateScenario', () => {
  it('keeps every preset exactly', () => {
    for (const preset of PRESET_NAMES) {
      const scenario = createScenario(preset);
      expect(validateScenario(JSON.parse(JSON.stringify(scenario)))).toEqual(scenario);
    }
  });

  it('refuses non-objects and unknown hop kinds', () => {
    expect(validateScenario(null)).toBeNull();
    expect(validateScenario([1, 2])).toBeNull();
    expect(validateScenario({ hops: 'x' })).toBeNull();
    expect(validateScenario({ hops: [{ kind: 'haproxy' }] })).toBeNull();
  });

  it('clamps numbers, whitelists enums, strips control characters and caps the chain', () => {
    const raw = {
      hops: Array.from({ length: 50 }, () => ({ kind: 'alb', listenerPort: 1e9, xffMode: 'evil' })),
      client: { mode: 'attacker', spoof: { xff: '6.6.6.6\u0000<script>', host: 'a'.repeat(5000) } },
      proxyFix: { x_for: -3, x_proto: 1e6, werkzeugVersion: '9.9' },
    };
    const scenario = validateScenario(raw)!;
    expect(scenario.hops).toHaveLength(MAX_HOPS);
    expect(scenario.hops[0]).toMatchObject({ listenerPort: 65535, xffMode: 'append' });
    expect(scenario.client.spoof.xff).toBe('6.6.6.6<script>');
    expect(scenario.client.spoof.host.length).toBeLessThanOrEqual(100);
    expect(scenario.proxyFix).toMatchObject({ x_for: 0, x_proto: 12, werkzeugVersion: '3.1.8' });
  });

  it('whatever it accepts simulates without throwing', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const scenario = validateScenario(value);
        if (scenario) expect(() => simulateChain(scenario)).not.toThrow();
      }),
    );
    fc.assert(
      fc.property(
        fc.record({
          hops: fc.array(
            fc.record({
              kind: fc.constantFrom('nginx', 'alb', 'cloudfront', 'api-gateway', 'custom'),
              address: fc.string(),
              prefix: fc.string(),
              setRealIpFrom: fc.array(fc.string()),
            }),
          ),
          client: fc.record({
            mode: fc.constantFrom('honest', 'attacker'),
            spoof: fc.record({
              xff: fc.string(),
              xfp: fc.string(),
              xfh: fc.string(),
              host: fc.string(),
              underscoreXff: fc.string(),
            }),
          }),
        }),
        (value) => {
          const scenario = validateScenario(value);
          expect(scenario).not.toBeNull();
          expect(() => simulateChain(scenario!)).not.toThrow();
        },
      ),
    );
  });
});
