/**
 * Advice for a proxy chain: the `x_*` values to use, with reasons, and a verdict on the
 * configured values.
 *
 * The rule taught (https://werkzeug.palletsprojects.com/en/stable/middleware/proxy_fix/,
 * https://flask.palletsprojects.com/en/stable/deploying/proxy_fix/): each `x_*`
 * argument is the number of proxies that *write* that header, counted from the right. Too
 * high lets a client-written value through (spoofable); too low returns a proxy's value.
 *
 * Both functions work by running the chain twice with `simulateChain`: once with an honest
 * browser (what should happen) and once with an attacker forging every header (what can be
 * forced). Nothing here guesses from product names; the verdict follows the modelled bytes.
 */
import {
  simulateChain,
  type ChainResult,
  type ChainScenario,
  type ClientSpoof,
  type ForwardedEntry,
  type PickedValue,
  type ProxyFixSettings,
} from './hops';
import { findHostRepair, type HopRepair } from './host-repair';
import { PROXY_FIX_ARGS, type ProxyFixArg, type ProxyFixCounts } from './proxy-fix';

export type { HopRepair } from './host-repair';

export type Verdict =
  'correct' | 'spoofable' | 'leaks-proxy-address' | 'loses-https' | 'wrong-host' | 'rejected';

export const VERDICT_LABELS: Readonly<Record<Verdict, string>> = {
  correct: 'Correct',
  spoofable: 'Spoofable',
  'leaks-proxy-address': 'Leaks a proxy address',
  'loses-https': 'Loses https',
  'wrong-host': 'Wrong host',
  rejected: 'Rejected',
};

export interface Finding {
  readonly kind: Verdict | 'host-rewritten' | 'rejected' | 'note';
  readonly message: string;
}

export interface Classification {
  /**
   * The most serious problem: spoofable > rejected > loses-https > leaks-proxy-address >
   * wrong-host > correct. "Correct" only when no finding but notes remains, so the verdict
   * accounts for every field the findings name.
   */
  readonly verdict: Verdict;
  /** One plain-words sentence. */
  readonly summary: string;
  readonly findings: readonly Finding[];
}

export interface Recommendation {
  readonly counts: ProxyFixCounts;
  /** Whether ProxyFix is needed at all (false when every count is 0). */
  readonly enabled: boolean;
  readonly reasons: Readonly<Record<ProxyFixArg, string>>;
  /** Problems no x_* value can fix (for example Gunicorn < 22 merging underscore headers). */
  readonly warnings: readonly string[];
  /**
   * What is still wrong once these values are applied: every finding of the classification
   * with them, each with why no x_* value fixes it and, where the model knows one, the hop
   * setting that does.
   */
  readonly remaining: readonly RemainingProblem[];
}

export interface RemainingProblem {
  readonly finding: Finding;
  readonly why: string;
  readonly hopFix: HopRepair | null;
}

/** Distinct forged values so the verdict can tell exactly which one got through. */
const PROBE_SPOOF: ClientSpoof = {
  xff: '6.6.6.6',
  xfp: 'https',
  xfh: 'evil.test',
  host: '',
  underscoreXff: '6.6.6.7',
};
const SPOOFED_ADDRESSES = new Set(['6.6.6.6', '6.6.6.7']);

function honestRun(scenario: ChainScenario, settings?: ProxyFixSettings): ChainResult {
  return simulateChain({
    ...scenario,
    client: { ...scenario.client, mode: 'honest' },
    ...(settings ? { proxyFix: settings } : {}),
  });
}

function attackRun(scenario: ChainScenario, settings?: ProxyFixSettings): ChainResult {
  return simulateChain({
    ...scenario,
    // Plain http so a forged "https" is distinguishable from the real scheme.
    client: { ...scenario.client, mode: 'attacker', scheme: 'http', spoof: PROBE_SPOOF },
    ...(settings ? { proxyFix: settings } : {}),
  });
}

/** `203.0.113.7:51234` → `203.0.113.7`; `[2001:db8::1]:443` → `2001:db8::1`. */
export function stripPort(address: string): string {
  const bracketed = /^\[([^\]]+)\](?::[0-9]+)?$/.exec(address);
  if (bracketed) return bracketed[1]!;
  const v4 = /^([0-9.]+):[0-9]+$/.exec(address);
  return v4 ? v4[1]! : address;
}

function pickedOf(result: ChainResult, arg: ProxyFixArg): PickedValue {
  return result.picked.find((p) => p.arg === arg)!;
}

function pickedEntry(result: ChainResult, arg: ProxyFixArg): ForwardedEntry | null {
  const picked = pickedOf(result, arg);
  return picked.index === null ? null : (picked.entries[picked.index] ?? null);
}

function writerNames(result: ChainResult, writers: readonly number[]): string {
  return writers.map((w) => result.hops[w]?.label ?? `hop ${w}`).join(' + ');
}

/** Classifies the scenario's configured ProxyFix (and Gunicorn) settings. */
export function classifyConfiguration(scenario: ChainScenario): Classification {
  const findings: Finding[] = [];
  const honest = honestRun(scenario);
  const attack = attackRun(scenario);
  const clientIp = scenario.client.ip;

  if (honest.gunicornError) {
    findings.push({ kind: 'rejected', message: `Gunicorn answers ${honest.gunicornError}.` });
  }
  if (honest.request?.host_error) {
    findings.push({
      kind: 'rejected',
      message: `Flask answers 400: ${honest.request.host_error} (TRUSTED_HOSTS, checked after ProxyFix).`,
    });
  }

  // Spoofable: a client-controlled value becomes remote_addr, scheme or host.
  const attackRemote = attack.request?.remote_addr ?? null;
  if (attackRemote !== null && SPOOFED_ADDRESSES.has(stripPort(attackRemote))) {
    const entry = pickedEntry(attack, 'x_for');
    const how =
      entry === null
        ? ''
        : entry.writers.includes(0)
          ? ` x_for=${scenario.proxyFix.x_for} reaches past the proxies to a value the client wrote.`
          : ` ${writerNames(attack, entry.writers)} copied it from a client-written header.`;
    findings.push({
      kind: 'spoofable',
      message: `An attacker sending X-Forwarded-For: ${PROBE_SPOOF.xff} (or X_Forwarded_For: ${PROBE_SPOOF.underscoreXff}) becomes remote_addr ${attackRemote}.${how}`,
    });
  }
  const protoEntry = pickedEntry(attack, 'x_proto');
  const gunicornSchemeFromClient =
    attack.environ?.['wsgi.url_scheme'] === 'https' &&
    (attack.environPieces['HTTP_X_FORWARDED_PROTO'] ?? []).some((p) => p.writer === 0);
  if (protoEntry?.clientControlled && protoEntry.writers.includes(0)) {
    findings.push({
      kind: 'spoofable',
      message: `A plain-http client can claim https: x_proto=${scenario.proxyFix.x_proto} trusts an X-Forwarded-Proto value the client wrote.`,
    });
  } else if (gunicornSchemeFromClient && attack.request?.scheme === 'https') {
    findings.push({
      kind: 'spoofable',
      message:
        "A plain-http client can claim https: Gunicorn trusts the peer (forwarded_allow_ips) and the client's X-Forwarded-Proto reaches it.",
    });
  }
  const hostEntry = pickedEntry(attack, 'x_host');
  if (hostEntry?.writers.includes(0)) {
    findings.push({
      kind: 'spoofable',
      message: `request.host becomes ${attack.request?.host || "''"} from a client-written X-Forwarded-Host (x_host=${scenario.proxyFix.x_host} is too high).`,
    });
  }

  // Loses https: the browser used https, but Flask does not see it.
  const request = honest.request;
  if (scenario.client.scheme === 'https' && request && !request.is_secure) {
    const why =
      request.scheme === 'HTTPS'
        ? 'The scheme arrives as "HTTPS"; Werkzeug compares case-sensitively, so is_secure is false.'
        : (pickedOf(honest, 'x_proto').reason ?? `X-Forwarded-Proto says ${request.scheme}.`);
    findings.push({
      kind: 'loses-https',
      message: `The browser used https, but Flask sees scheme ${request.scheme}: url_for(_external=True) and anything built from request.url (a next= parameter) say http://, so following them downgrades. ${why}`,
    });
  }

  // Leaks a proxy address: remote_addr is one of the proxies.
  if (request?.remote_addr) {
    const remote = stripPort(request.remote_addr);
    if (remote !== clientIp && honest.proxyAddresses.includes(remote)) {
      const owner = honest.hops.find((h) => h.index > 0 && h.sourceAddress === remote);
      findings.push({
        kind: 'leaks-proxy-address',
        message: `remote_addr is ${remote}, the address of ${owner?.label ?? 'a proxy'}, not the client ${clientIp}: logs and rate limits see one "user".`,
      });
    }
  }

  if (request && request.host !== '' && request.host.split(':')[0] !== scenario.client.host) {
    findings.push({
      kind: 'host-rewritten',
      message: `request.host is ${request.host}, not ${scenario.client.host}: a proxy rewrote Host, so external URLs name the wrong host.`,
    });
  }
  if (request && request.host === '' && !request.host_error) {
    findings.push({
      kind: 'host-rewritten',
      message: 'request.host is empty: the host value has characters Werkzeug 3.1.7+ rejects.',
    });
  }

  const order: readonly (readonly [Finding['kind'], Verdict])[] = [
    ['spoofable', 'spoofable'],
    ['rejected', 'rejected'],
    ['loses-https', 'loses-https'],
    ['leaks-proxy-address', 'leaks-proxy-address'],
    ['host-rewritten', 'wrong-host'],
  ];
  const worst = order.find(([kind]) => findings.some((f) => f.kind === kind));
  const verdict: Verdict = worst ? worst[1] : 'correct';
  const summary =
    verdict === 'correct'
      ? `Correct: remote_addr is the real client (${request?.remote_addr ?? '—'}), the scheme is ${request?.scheme ?? '—'}, the host is ${request?.host ?? '—'}, and an attacker's forged headers are ignored.`
      : findings.find((f) => f.kind === worst![0])!.message;
  return { verdict, summary, findings };
}

/** The smallest n with `entries[len - n]` matching, or null. */
function countFromRight(
  entries: readonly ForwardedEntry[],
  matches: (entry: ForwardedEntry) => boolean,
): number | null {
  for (let n = 1; n <= entries.length; n += 1) {
    const entry = entries[entries.length - n]!;
    if (matches(entry)) return n;
  }
  return null;
}

function describeEntries(result: ChainResult, entries: readonly ForwardedEntry[]): string {
  return entries.map((e) => `${e.value} (by ${writerNames(result, e.writers)})`).join(', ');
}

/** The x_* values this chain needs, with reasons. */
export function recommendSettings(scenario: ChainScenario): Recommendation {
  const honest = honestRun(scenario);
  const warnings: string[] = [];
  const reasons: Partial<Record<ProxyFixArg, string>> = {};
  const client = scenario.client;
  const trusted = (entry: ForwardedEntry): boolean => !entry.clientControlled;

  // x_for: the position of the client's address, written by a proxy, counted from the right.
  const forEntries = pickedOf(honest, 'x_for').entries;
  const xFor =
    countFromRight(forEntries, (e) => trusted(e) && stripPort(e.value) === client.ip) ?? 0;
  if (scenario.hops.length === 0) {
    reasons.x_for =
      'No proxy: REMOTE_ADDR is already the client, so do not trust X-Forwarded-For at all.';
  } else if (xFor === 0) {
    reasons.x_for = `No proxy writes the client address into X-Forwarded-For${forEntries.length > 0 ? ` (it arrives as ${describeEntries(honest, forEntries)})` : ''}; trusting it would only let clients spoof it.`;
  } else {
    reasons.x_for = `X-Forwarded-For arrives as ${describeEntries(honest, forEntries)}. The client's address is value ${xFor} from the right, so x_for=${xFor}: that many proxies append to it.`;
  }

  // x_proto: the value that carries the browser's scheme, written by a proxy.
  const protoEntries = pickedOf(honest, 'x_proto').entries;
  const exact = countFromRight(protoEntries, (e) => trusted(e) && e.value === client.scheme);
  let xProto = exact ?? (protoEntries.length > 0 && trusted(protoEntries.at(-1)!) ? 1 : 0);
  if (protoEntries.length === 0) {
    xProto = 0;
    reasons.x_proto = 'No proxy sends X-Forwarded-Proto, so there is nothing to trust.';
    if (client.scheme === 'https' && scenario.hops.length > 0) {
      warnings.push(
        'The browser uses https but no proxy writes X-Forwarded-Proto: configure the proxy that terminates TLS to set it.',
      );
    }
  } else if (exact !== null) {
    reasons.x_proto = `X-Forwarded-Proto arrives as ${describeEntries(honest, protoEntries)}; the browser's ${client.scheme} is value ${exact} from the right.`;
  } else {
    reasons.x_proto = `X-Forwarded-Proto arrives as ${describeEntries(honest, protoEntries)}; trust the last proxy's value.`;
    if (client.scheme === 'https') {
      warnings.push(
        `No X-Forwarded-Proto value says https although the browser used https: the leg that carries it is plain http (for example CloudFront's origin protocol). Fix the proxy configuration; no x_proto value can restore it.`,
      );
    }
  }

  // x_host: only when Host no longer carries the public name.
  const hostEntries = pickedOf(honest, 'x_host').entries;
  const hostAtApp = honest.environ?.['HTTP_HOST'] ?? '';
  let xHost = 0;
  if (hostAtApp.split(':')[0] === client.host) {
    reasons.x_host = `The Host header still says ${hostAtApp}, so X-Forwarded-Host is not needed; 0 also stops clients from forging it.`;
  } else {
    xHost =
      countFromRight(
        hostEntries,
        (e) => !e.writers.includes(0) && e.value.split(':')[0] === client.host,
      ) ?? 0;
    reasons.x_host =
      xHost > 0
        ? `A proxy rewrote Host to ${hostAtApp}; X-Forwarded-Host (${describeEntries(honest, hostEntries)}) carries ${client.host} at value ${xHost} from the right.`
        : `A proxy rewrote Host to ${hostAtApp || '(nothing)'} and no proxy writes X-Forwarded-Host with ${client.host}; configure one (or forward Host) if the app builds external URLs.`;
  }

  reasons.x_port =
    'Not needed: the browser used the default port for its scheme and the Host value already carries any other port. Trusting it would only let a forged value change request.host.';

  const prefixEntries = pickedOf(honest, 'x_prefix').entries;
  const xPrefix = countFromRight(prefixEntries, trusted) ?? 0;
  reasons.x_prefix =
    xPrefix > 0
      ? `A proxy sets X-Forwarded-Prefix (${describeEntries(honest, prefixEntries)}): the app is mounted under that path.`
      : 'No proxy sets X-Forwarded-Prefix: the app is mounted at /.';

  const counts: ProxyFixCounts = {
    x_for: xFor,
    x_proto: xProto,
    x_host: xHost,
    x_port: 0,
    x_prefix: xPrefix,
  };
  const enabled = PROXY_FIX_ARGS.some((arg) => counts[arg] > 0);

  // Check the recommendation against an attacker: anything still spoofable is beyond x_*.
  const settings: ProxyFixSettings = {
    ...counts,
    enabled,
    werkzeugVersion: scenario.proxyFix.werkzeugVersion,
  };
  const check = classifyConfiguration({ ...scenario, proxyFix: settings });
  const remaining: RemainingProblem[] = check.findings
    .filter((f) => f.kind !== 'note')
    .map((finding) => {
      const hopFix = finding.kind === 'host-rewritten' ? findHostRepair(scenario) : null;
      const why =
        finding.kind === 'host-rewritten'
          ? `No x_* value can restore it: Host was replaced on the way and no proxy writes an X-Forwarded-Host that carries ${scenario.client.host}.${hopFix ? '' : ' This model knows no setting of these proxies that passes the browser’s Host on: have a proxy you control write X-Forwarded-Host and raise x_host.'}`
          : finding.kind === 'spoofable'
            ? 'No x_* value can stop it: the forged value reaches the app through a header or a server setting ProxyFix does not control.'
            : 'No x_* value changes it: it comes from how a proxy or Gunicorn is configured.';
      return { finding, why, hopFix };
    });
  for (const finding of check.findings) {
    if (finding.kind === 'spoofable') {
      const underscore =
        scenario.gunicorn.version === '20.1' || scenario.gunicorn.version === '21.2'
          ? ' Gunicorn < 22.0 merges X_Forwarded_For into X-Forwarded-For: upgrade Gunicorn (22.0+ drops such headers) or have a proxy drop underscore headers.'
          : '';
      warnings.push(`Even with these values: ${finding.message}${underscore}`);
    }
  }
  return {
    counts,
    enabled,
    reasons: reasons as Record<ProxyFixArg, string>,
    warnings,
    remaining,
  };
}
