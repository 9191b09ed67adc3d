/**
 * Proxy-hop visualizer speed: one recompute of a 10-hop chain (target < 1 ms), alone and with
 * everything the widget recomputes on each change (the verdict's two extra runs and the
 * advice's runs), plus the ProxyFix + request view on the oracle's kind of environ.
 */
import { classifyConfiguration, recommendSettings } from '../src/sim/proxy/advice';
import {
  createAlbHop,
  createCloudFrontHop,
  createConfigurableHop,
  createNginxHop,
  createScenario,
  simulateChain,
  type ChainScenario,
  type HopConfig,
} from '../src/sim/proxy/hops';
import { proxyFix, requestView } from '../src/sim/proxy/proxy-fix';

function timeMs(run: () => void, iterations: number): number {
  for (let k = 0; k < Math.min(500, iterations); k += 1) run();
  const start = performance.now();
  for (let k = 0; k < iterations; k += 1) run();
  return (performance.now() - start) / iterations;
}

const kinds: (() => HopConfig)[] = [
  () => createCloudFrontHop(),
  () => createConfigurableHop('api-gateway'),
  () => createAlbHop(),
  () => createNginxHop({ setRealIpFrom: ['10.0.0.0/8'], realIpRecursive: true }),
  () => createConfigurableHop('custom'),
];
const hops = Array.from({ length: 10 }, (_, i) => ({
  ...kinds[i % kinds.length]!(),
  address: `10.20.${i}.1`,
}));
const base = createScenario('cloudfront-alb');
const scenario: ChainScenario = {
  ...base,
  hops,
  client: {
    ...base.client,
    mode: 'attacker',
    spoof: { ...base.client.spoof, underscoreXff: '7.7.7.7' },
  },
  gunicorn: { ...base.gunicorn, version: '20.1' },
  proxyFix: { ...base.proxyFix, x_for: 4 },
};

let sink = 0;
const chainMs = timeMs(() => {
  sink += simulateChain(scenario).picked.length;
}, 5000);
console.log(`proxy: recompute 10-hop chain: ${chainMs.toFixed(4)} ms per run (target < 1 ms)`);

const widgetMs = timeMs(() => {
  sink += simulateChain(scenario).hops.length;
  sink += classifyConfiguration(scenario).findings.length;
  sink += recommendSettings(scenario).counts.x_for;
}, 1000);
console.log(
  `proxy: one widget update on a 10-hop chain (chain + verdict + advice): ${widgetMs.toFixed(4)} ms per run (target < 16 ms, one frame)`,
);

const environ = {
  REMOTE_ADDR: '10.0.1.17',
  'wsgi.url_scheme': 'http',
  HTTP_HOST: 'xn--bcher-kva.example:8443',
  SERVER_NAME: '0.0.0.0',
  SERVER_PORT: '8000',
  SCRIPT_NAME: '/api/',
  HTTP_X_FORWARDED_FOR: '6.6.6.6, "203.0.113.7", 198.51.100.20',
  HTTP_X_FORWARDED_PROTO: 'https',
  HTTP_X_FORWARDED_HOST: 'app.example.com:8443',
};
const fixMs = timeMs(() => {
  const fixed = proxyFix(environ, { x_for: 2, x_host: 1 });
  sink += requestView(fixed.environ).access_route.length;
}, 20_000);
console.log(`proxy: ProxyFix + request view: ${fixMs.toFixed(4)} ms per run (target < 0.1 ms)`);

if (sink < 0) console.log(sink);
