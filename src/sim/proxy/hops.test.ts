import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyConfiguration, recommendSettings } from './advice';
import {
  attributeEntries,
  buildGunicornEnviron,
  createAlbHop,
  createCloudFrontHop,
  createConfigurableHop,
  createHop,
  createNginxHop,
  createScenario,
  formatProxyFixLine,
  headerValue,
  PRESET_NAMES,
  simulateChain,
  type ChainScenario,
  type HeaderLine,
  type HopConfig,
  type HopKind,
} from './hops';
import { parseListHeader, splitListHeader } from './proxy-fix';

function header(lines: readonly HeaderLine[], name: string): string | undefined {
  const found = lines.filter((line) => line.name.toLowerCase() === name.toLowerCase());
  return found.length === 0 ? undefined : found.map(headerValue).join(' | ');
}

function attacking(
  scenario: ChainScenario,
  spoof: Partial<ChainScenario['client']['spoof']> = {},
): ChainScenario {
  return {
    ...scenario,
    client: { ...scenario.client, mode: 'attacker', spoof: { ...scenario.client.spoof, ...spoof } },
  };
}

function withCounts(
  scenario: ChainScenario,
  counts: Partial<ChainScenario['proxyFix']>,
): ChainScenario {
  return { ...scenario, proxyFix: { ...scenario.proxyFix, enabled: true, ...counts } };
}

// https://docs.aws.amazon.com/elasticloadbalancing/latest/application/x-forwarded-headers.html,
// https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/RequestAndResponseBehaviorCustomOrigin.html,
// https://nginx.org/en/docs/http/ngx_http_proxy_module.html#var_proxy_add_x_forwarded_for
describe('hops (ALB, CloudFront and nginx header handling)', () => {
  it('CloudFront appends with "," and no space, strips X-Forwarded-Proto and rewrites Host', () => {
    const scenario = attacking(createScenario('cloudfront-alb'));
    const result = simulateChain(scenario);
    const cloudFront = result.hops[1]!;
    expect(header(cloudFront.headers, 'X-Forwarded-For')).toBe('6.6.6.6,203.0.113.7');
    expect(header(cloudFront.headers, 'X-Forwarded-Proto')).toBeUndefined();
    expect(header(cloudFront.headers, 'Host')).toBe('origin.example.com');
  });

  it('the ALB appends its TCP peer with ", " and sets X-Forwarded-Proto / -Port from the listener', () => {
    const result = simulateChain(attacking(createScenario('alb'), { xfp: 'https' }));
    const alb = result.hops[1]!;
    expect(header(alb.headers, 'X-Forwarded-For')).toBe('6.6.6.6, 203.0.113.7');
    expect(header(alb.headers, 'X-Forwarded-Port')).toBe('443');
    expect(alb.unverified.join(' ')).toMatch(/overwrites/);
  });

  it('the ALB client-port option makes REMOTE_ADDR ip:port', () => {
    const scenario = { ...createScenario('alb'), hops: [createAlbHop({ clientPort: true })] };
    expect(simulateChain(scenario).request?.remote_addr).toBe('203.0.113.7:51234');
  });

  it('ALB preserve and remove modes', () => {
    const base = attacking(createScenario('alb'));
    const preserve = simulateChain({ ...base, hops: [createAlbHop({ xffMode: 'preserve' })] });
    expect(header(preserve.received, 'X-Forwarded-For')).toBe('6.6.6.6');
    const remove = simulateChain({ ...base, hops: [createAlbHop({ xffMode: 'remove' })] });
    expect(header(remove.received, 'X-Forwarded-For')).toBeUndefined();
    expect(remove.request?.remote_addr).toBe('10.0.1.17');
  });

  it('ALB Host: port removed on 443, added on a non-default listener', () => {
    const scenario = createScenario('alb');
    const client = { ...scenario.client, host: 'app.example.com' };
    const on8443 = simulateChain({
      ...scenario,
      client,
      hops: [createAlbHop({ listenerPort: 8443 })],
    });
    expect(header(on8443.received, 'Host')).toBe('app.example.com:8443');
    const spoofedPort = simulateChain(
      attacking({ ...scenario, client }, { host: 'app.example.com:9999' }),
    );
    expect(header(spoofedPort.received, 'Host')).toBe('app.example.com');
  });

  it('nginx $proxy_add_x_forwarded_for appends $remote_addr; $scheme replaces the proto', () => {
    const scenario = attacking(createScenario('nginx-same-host'), { xfp: 'https' });
    const plain = simulateChain({ ...scenario, client: { ...scenario.client, scheme: 'http' } });
    expect(header(plain.received, 'X-Forwarded-For')).toBe('6.6.6.6, 203.0.113.7');
    expect(header(plain.received, 'X-Forwarded-Proto')).toBe('http');
  });

  it('nginx $scheme behind a TLS-terminating ALB says http; $http_x_forwarded_proto passes https on', () => {
    const base = createScenario('alb-nginx');
    const wrong = { ...base, hops: [createAlbHop(), createNginxHop({ xfp: 'scheme' })] };
    expect(simulateChain(wrong).request?.scheme).toBe('http');
    expect(simulateChain(base).request?.scheme).toBe('https');
  });

  it('nginx real_ip rewrites $remote_addr only for a trusted peer; recursive walks further left', () => {
    const base = attacking(createScenario('alb-nginx'));
    const realIp = createNginxHop({ setRealIpFrom: ['10.0.1.0/24'] });
    const result = simulateChain({ ...base, hops: [createAlbHop(), realIp] });
    // The ALB's entry (the client) is the rightmost: nginx now appends the client, not the ALB.
    expect(header(result.received, 'X-Forwarded-For')).toBe('6.6.6.6, 203.0.113.7, 203.0.113.7');
    const trustAll = createNginxHop({ setRealIpFrom: ['0.0.0.0/0'], realIpRecursive: true });
    const spoofed = simulateChain({ ...base, hops: [createAlbHop(), trustAll] });
    expect(header(spoofed.received, 'X-Forwarded-For')).toBe('6.6.6.6, 203.0.113.7, 6.6.6.6');
    const entries = spoofed.picked.find((p) => p.arg === 'x_for')!.entries;
    expect(entries.at(-1)).toMatchObject({
      value: '6.6.6.6',
      writers: [2],
      clientControlled: true,
    });
  });

  it('nginx drops underscore headers by default', () => {
    const result = simulateChain(
      attacking(createScenario('nginx-same-host'), { underscoreXff: '7.7.7.7' }),
    );
    expect(header(result.received, 'X_Forwarded_For')).toBeUndefined();
  });

  it('API Gateway and custom proxies follow the per-header choices and are flagged UNVERIFIED', () => {
    const custom = createConfigurableHop('custom', { xff: 'set', xfp: 'strip' });
    const result = simulateChain(attacking({ ...createScenario('alb'), hops: [custom] }));
    expect(header(result.received, 'X-Forwarded-For')).toBe('203.0.113.7');
    expect(header(result.received, 'X-Forwarded-Proto')).toBeUndefined();
    expect(result.hops[1]!.unverified).toHaveLength(1);
    expect(simulateChain(createScenario('api-gateway-alb')).hops[1]!.unverified[0]).toMatch(
      /API Gateway/,
    );
  });
});

// https://github.com/benoitc/gunicorn/blob/23.0.0/gunicorn/http/wsgi.py
describe('Gunicorn environ (gunicorn/http/wsgi.py create)', () => {
  it('REMOTE_ADDR is the TCP peer and SERVER_NAME/PORT come from the bind', () => {
    const result = simulateChain(createScenario('alb'));
    expect(result.environ).toMatchObject({
      REMOTE_ADDR: '10.0.1.17',
      SERVER_NAME: '0.0.0.0',
      SERVER_PORT: '8000',
    });
  });

  it('merges an underscore header with "," before 22.0 and drops it from 22.0', () => {
    const scenario = attacking(createScenario('alb'), { underscoreXff: '7.7.7.7' });
    const old = simulateChain({ ...scenario, gunicorn: { ...scenario.gunicorn, version: '20.1' } });
    expect(old.environ?.['HTTP_X_FORWARDED_FOR']).toBe('6.6.6.6, 203.0.113.7,7.7.7.7');
    expect(old.request?.remote_addr).toBe('7.7.7.7');
    const current = simulateChain(scenario);
    expect(current.environ?.['HTTP_X_FORWARDED_FOR']).toBe('6.6.6.6, 203.0.113.7');
    expect(current.gunicornNotes.join(' ')).toMatch(/Dropped X_Forwarded_For/);
  });

  it('only a peer in forwarded_allow_ips can set wsgi.url_scheme, and only with exactly "https"', () => {
    const alb = simulateChain(createScenario('alb'));
    expect(alb.environ?.['wsgi.url_scheme']).toBe('http');
    const local = simulateChain({
      ...createScenario('nginx-same-host'),
      proxyFix: { ...createScenario('nginx-same-host').proxyFix, enabled: false },
    });
    expect(local.environ?.['wsgi.url_scheme']).toBe('https');
    const custom = createConfigurableHop('custom', { address: '127.0.0.1', xfp: 'append' });
    const mixed = simulateChain(
      attacking({ ...createScenario('alb'), hops: [custom] }, { xfp: 'http' }),
    );
    expect(mixed.environ?.['HTTP_X_FORWARDED_PROTO']).toBe('http, https');
    expect(mixed.environ?.['wsgi.url_scheme']).toBe('http');
  });

  it('answers 400 for contradictory scheme headers from a trusted peer only', () => {
    const lines: HeaderLine[] = [
      { name: 'X-Forwarded-Proto', pieces: [{ text: 'https', writer: 0, clientControlled: true }] },
      { name: 'X-Forwarded-Proto', pieces: [{ text: 'http', writer: 1, clientControlled: false }] },
    ];
    const config = createScenario('alb').gunicorn;
    expect(buildGunicornEnviron(config, '127.0.0.1', lines).error).toMatch(
      /Contradictory scheme headers/,
    );
    const untrusted = buildGunicornEnviron(config, '10.0.1.17', lines);
    expect(untrusted.error).toBeNull();
    expect(untrusted.environ).toMatchObject({
      HTTP_X_FORWARDED_PROTO: 'https,http',
      'wsgi.url_scheme': 'http',
    });
  });
});

// https://werkzeug.palletsprojects.com/en/stable/middleware/proxy_fix/
describe('advice (count the proxies that write each header)', () => {
  it('recommends x_for=2 for CloudFront → ALB, and that gives the real client even under attack', () => {
    const scenario = attacking(createScenario('cloudfront-alb'));
    const advice = recommendSettings(scenario);
    expect(advice.counts.x_for).toBe(2);
    expect(advice.counts.x_proto).toBe(1);
    const result = simulateChain(withCounts(scenario, advice.counts));
    expect(result.request?.remote_addr).toBe('203.0.113.7');
    // remote_addr is right, but CloudFront still sends its origin name as Host.
    expect(classifyConfiguration(withCounts(scenario, advice.counts)).verdict).toBe('wrong-host');
  });

  it('CloudFront → ALB, attacker, recommended values applied: the verdict is not "correct" while request.host is the origin name, and the Host fix it names makes it correct', () => {
    const scenario = attacking(createScenario('cloudfront-alb'));
    const before = classifyConfiguration(scenario);
    expect(before.findings.map((f) => f.kind)).toContain('host-rewritten');
    const advice = recommendSettings(scenario);
    const applied = withCounts(scenario, advice.counts);
    expect(simulateChain(applied).request?.host).toBe('origin.example.com');
    const after = classifyConfiguration(applied);
    expect(after.verdict).not.toBe('correct');
    expect(after.summary).toContain('origin.example.com');
    // Every problem listed before is either gone or reported as remaining, with why.
    for (const kind of before.findings.map((f) => f.kind)) {
      const still = after.findings.some((f) => f.kind === kind);
      expect(still).toBe(advice.remaining.some((r) => r.finding.kind === kind));
    }
    const host = advice.remaining.find((r) => r.finding.kind === 'host-rewritten')!;
    expect(host.why).toContain('No x_* value');
    expect(host.hopFix?.changes.map((c) => c.hopLabel)).toEqual(['CloudFront']);
    const repaired = { ...applied, hops: host.hopFix!.hops };
    expect(simulateChain(repaired).request?.host).toBe(scenario.client.host);
    const again = recommendSettings(repaired);
    expect(classifyConfiguration(withCounts(repaired, again.counts)).verdict).toBe('correct');
    expect(again.remaining).toEqual([]);
  });

  it.each([
    ['no-proxy', 0, 'correct'],
    ['nginx-same-host', 1, 'correct'],
    ['alb', 1, 'correct'],
    ['cloudfront-alb', 2, 'wrong-host'],
    ['api-gateway-alb', 2, 'wrong-host'],
    ['alb-nginx', 2, 'correct'],
  ] as const)('%s needs x_for=%i and is then %s', (preset, xFor, verdict) => {
    const scenario = createScenario(preset);
    const advice = recommendSettings(scenario);
    expect(advice.counts.x_for).toBe(xFor);
    const applied = {
      ...scenario,
      proxyFix: { ...scenario.proxyFix, ...advice.counts, enabled: advice.enabled },
    };
    expect(classifyConfiguration(applied).verdict).toBe(verdict);
    // What remains is exactly what the verdict still flags.
    expect(advice.remaining.length > 0).toBe(verdict !== 'correct');
  });

  it('x_for one too high is spoofable; one too low leaks a proxy address', () => {
    const scenario = createScenario('cloudfront-alb');
    expect(classifyConfiguration(withCounts(scenario, { x_for: 3 })).verdict).toBe('spoofable');
    expect(classifyConfiguration(withCounts(scenario, { x_for: 1 })).verdict).toBe(
      'leaks-proxy-address',
    );
  });

  it('x_proto=0 behind an ALB loses https; CloudFront → ALB over http loses it whatever x_proto is', () => {
    expect(classifyConfiguration(withCounts(createScenario('alb'), { x_proto: 0 })).verdict).toBe(
      'loses-https',
    );
    const httpOrigin = {
      ...createScenario('cloudfront-alb'),
      hops: [createCloudFrontHop({ originScheme: 'http' }), createAlbHop()],
    };
    const advice = recommendSettings(httpOrigin);
    expect(advice.warnings.join(' ')).toMatch(/no x_proto value can restore it/);
    expect(classifyConfiguration(withCounts(httpOrigin, { ...advice.counts })).verdict).toBe(
      'loses-https',
    );
  });

  it('x_host=1 behind an ALB trusts a client-written X-Forwarded-Host', () => {
    const result = classifyConfiguration(withCounts(createScenario('alb'), { x_host: 1 }));
    expect(result.verdict).toBe('spoofable');
    expect(result.findings.map((f) => f.message).join(' ')).toMatch(/X-Forwarded-Host/);
  });

  it('warns that Gunicorn < 22 lets an underscore header through any x_for', () => {
    const scenario = createScenario('alb');
    const old = { ...scenario, gunicorn: { ...scenario.gunicorn, version: '20.1' as const } };
    expect(recommendSettings(old).warnings.join(' ')).toMatch(/upgrade Gunicorn/);
    expect(classifyConfiguration(old).verdict).toBe('spoofable');
  });

  it('recommends x_host when a proxy rewrites Host but writes X-Forwarded-Host', () => {
    const scenario = {
      ...createScenario('nginx-same-host'),
      hops: [createNginxHop({ address: '127.0.0.1', host: 'proxy_host' })],
    };
    const advice = recommendSettings(scenario);
    expect(advice.counts.x_host).toBe(1);
    const applied = withCounts(scenario, advice.counts);
    expect(simulateChain(applied).request?.host).toBe('app.example.com');
  });

  it("nginx with Flask's documented proxy_set_header block gets the docs' x_for=1, x_proto=1, x_host=1, x_prefix=1", () => {
    const scenario = createScenario('nginx-same-host');
    expect(recommendSettings(scenario).counts).toEqual({
      x_for: 1,
      x_proto: 1,
      x_host: 1,
      x_port: 0,
      x_prefix: 1,
    });
    expect(simulateChain(scenario).request?.host).toBe('127.0.0.1:8000');
    const applied = withCounts(scenario, recommendSettings(scenario).counts);
    expect(simulateChain(applied).request).toMatchObject({
      host: 'app.example.com',
      root_url: 'https://app.example.com/',
    });
  });

  it('formats the ProxyFix line', () => {
    expect(formatProxyFixLine({ ...createScenario('alb').proxyFix, x_for: 2 })).toBe(
      'app.wsgi_app = ProxyFix(app.wsgi_app, x_for=2, x_proto=1, x_host=0, x_port=0, x_prefix=0)',
    );
  });
});

describe('properties', () => {
  const kinds: HopKind[] = ['nginx', 'alb', 'cloudfront', 'api-gateway', 'custom'];
  const chainArb = fc
    .array(fc.constantFrom(...kinds), { maxLength: 10 })
    .map((list) =>
      list.map((kind, i): HopConfig => ({ ...createHop(kind), address: `10.9.${i}.1` })),
    );

  it('attribution agrees with the parser and every client-written entry is flagged', () => {
    fc.assert(
      fc.property(
        chainArb,
        fc.boolean(),
        fc.constantFrom<'3.1.8' | '3.1.6'>('3.1.8', '3.1.6'),
        (hops, attack, version) => {
          const base = createScenario('alb');
          const scenario: ChainScenario = {
            ...base,
            hops,
            client: { ...base.client, mode: attack ? 'attacker' : 'honest' },
            proxyFix: { ...base.proxyFix, werkzeugVersion: version },
          };
          const result = simulateChain(scenario);
          const pieces = result.environPieces['HTTP_X_FORWARDED_FOR'];
          const raw = result.environ?.['HTTP_X_FORWARDED_FOR'];
          if (!pieces || raw === undefined) return;
          const entries = attributeEntries(pieces, version);
          expect(entries.map((e) => e.value)).toEqual(
            parseListHeader(pieces.map((p) => p.text).join(''), version),
          );
          for (const entry of entries)
            if (entry.writers.includes(0)) expect(entry.clientControlled).toBe(true);
        },
      ),
    );
  });

  it('the recommended x_for never lets a forged X-Forwarded-For become remote_addr (Gunicorn 23)', () => {
    fc.assert(
      fc.property(chainArb, (hops) => {
        const base = createScenario('alb');
        const scenario: ChainScenario = { ...base, hops };
        const advice = recommendSettings(scenario);
        const applied = attacking({
          ...scenario,
          proxyFix: { ...scenario.proxyFix, ...advice.counts, enabled: advice.enabled },
        });
        const remote = simulateChain(applied).request?.remote_addr;
        expect(remote).not.toBe('6.6.6.6');
      }),
    );
  });

  it('spans point at the raw text of each item', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (value) => {
        for (const item of splitListHeader(value, '3.1.8')) {
          const raw = value.slice(item.start, item.end);
          expect(raw.trim() === raw || raw.length > 0).toBe(true);
          if (!raw.startsWith('"')) expect(item.value).toBe(raw);
        }
      }),
    );
  });

  it('every preset simulates without throwing, honest and attacking', () => {
    for (const preset of PRESET_NAMES) {
      expect(() => simulateChain(createScenario(preset))).not.toThrow();
      expect(() => simulateChain(attacking(createScenario(preset)))).not.toThrow();
    }
  });
});
