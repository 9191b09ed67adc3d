/**
 * TRUSTED_HOSTS mini-widget (chapter 4): type a TRUSTED_HOSTS list and the Host /
 * X-Forwarded-Host a request arrives with, and see Flask 3.1's answer and why. All matching
 * comes from src/sim/proxy/trusted-hosts (Werkzeug 3.1.8 host_is_trusted after ProxyFix).
 */
import { useMemo } from 'preact/hooks';
import { useWithNameprep } from '../../runtime/use-nameprep-data';
import { WidgetFrame } from '../../components/WidgetFrame';
import { useUrlState } from '../../runtime/use-url-state';
import {
  evaluateTrustedHosts,
  FLASK_TRUSTED_HOSTS_DOC,
  parseTrustedHostsText,
} from '../../sim/proxy/trusted-hosts';
import './TrustedHosts.css';

export interface TrustedHostsProps {
  id?: string;
  /** Unused: the widget has one starting state. */
  preset?: string;
}

export interface TrustedHostsState {
  readonly trusted: string;
  readonly hostHeader: string;
  readonly forwardedHost: string;
  readonly xHost: number;
}

export const TRUSTED_HOSTS_DEFAULTS: TrustedHostsState = {
  trusted: 'app.example.com, .example.org',
  hostHeader: 'www.app.example.com',
  forwardedHost: '',
  xHost: 0,
};

function cleanText(value: unknown, max: number): string | null {
  if (typeof value !== 'string') return null;
  let out = '';
  for (const char of value) if ((char.codePointAt(0) ?? 0) >= 0x20) out += char;
  return out.slice(0, max);
}

/** Whitelists the URL state; null when it is not this widget's shape. */
export function validateTrustedHostsState(raw: unknown): TrustedHostsState | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const record = raw as Record<string, unknown>;
  const trusted = cleanText(record['trusted'], 300);
  const hostHeader = cleanText(record['hostHeader'], 120);
  const forwardedHost = cleanText(record['forwardedHost'], 120);
  const xHost = record['xHost'];
  if (trusted === null || hostHeader === null || forwardedHost === null) return null;
  return {
    trusted,
    hostHeader,
    forwardedHost,
    xHost:
      typeof xHost === 'number' && Number.isFinite(xHost)
        ? Math.min(2, Math.max(0, Math.round(xHost)))
        : 0,
  };
}

const EXAMPLES: readonly (readonly [string, string])[] = [
  ['app.example.com:8443', 'a port'],
  ['www.app.example.com', 'a subdomain without the dot'],
  ['a.b.example.org', 'a deep subdomain'],
  ['evilexample.org', 'a look-alike'],
  ['10.0.1.5:8000', 'a task IP (health check)'],
];

export function TrustedHosts({ id = 'trusted-hosts' }: TrustedHostsProps) {
  const { state, setState, reset, notice, dismissNotice, shareUrl } = useUrlState(
    id,
    TRUSTED_HOSTS_DEFAULTS,
    validateTrustedHostsState,
  );
  const list = useMemo(() => parseTrustedHostsText(state.trusted), [state.trusted]);
  // A non-ASCII entry or an `xn--` host needs the IDNA tables, loaded on demand.
  const computed = useWithNameprep(
    () =>
      evaluateTrustedHosts({
        hostHeader: state.hostHeader,
        forwardedHost: state.forwardedHost,
        xHost: state.xHost,
        trustedHosts: list.length === 0 ? null : list,
        scheme: 'https',
      }),
    [state, list],
  );
  const result = computed.value;
  const set = (patch: Partial<TrustedHostsState>) => {
    setState((previous) => ({ ...previous, ...patch }));
  };

  return (
    <WidgetFrame
      id={id}
      title="TRUSTED_HOSTS: which hosts Flask 3.1 accepts"
      caption={
        <>
          Flask checks <code>request.host</code> against{' '}
          <a href={FLASK_TRUSTED_HOSTS_DOC}>TRUSTED_HOSTS</a> during routing, after ProxyFix: exact
          names, or a leading dot for a domain and all its subdomains; the port is ignored; a
          mismatch is a 400.
        </>
      }
      notice={notice}
      onDismissNotice={dismissNotice}
      onReset={reset}
      shareUrl={shareUrl}
      verdict={
        result
          ? `${result.status === 200 ? '✓' : '✗'} ${result.statusText}`
          : computed.status === 'ready'
            ? undefined
            : 'Checking the host…'
      }
    >
      <div class="widget-layout th-root">
        <div class="widget-controls th-inputs">
          <div class="th-field">
            <label for={`${id}-list`}>TRUSTED_HOSTS (comma-separated; empty = None)</label>
            <input
              id={`${id}-list`}
              type="text"
              spellcheck={false}
              maxLength={300}
              value={state.trusted}
              onInput={(event) => {
                set({ trusted: event.currentTarget.value });
              }}
            />
          </div>
          <div class="th-field">
            <label for={`${id}-host`}>Host header the request arrives with</label>
            <input
              id={`${id}-host`}
              type="text"
              spellcheck={false}
              maxLength={120}
              value={state.hostHeader}
              onInput={(event) => {
                set({ hostHeader: event.currentTarget.value });
              }}
            />
          </div>
          <div class="th-field">
            <label for={`${id}-xfh`}>X-Forwarded-Host (empty = not sent)</label>
            <input
              id={`${id}-xfh`}
              type="text"
              spellcheck={false}
              maxLength={120}
              value={state.forwardedHost}
              onInput={(event) => {
                set({ forwardedHost: event.currentTarget.value });
              }}
            />
          </div>
          <div class="th-field">
            <label for={`${id}-xhost`}>ProxyFix x_host</label>
            <select
              id={`${id}-xhost`}
              value={String(state.xHost)}
              onChange={(event) => {
                set({ xHost: Number(event.currentTarget.value) });
              }}
            >
              <option value="0">0 (ignore X-Forwarded-Host)</option>
              <option value="1">1</option>
              <option value="2">2</option>
            </select>
          </div>
          <div class="th-examples" role="group" aria-label="Try a host">
            <span>Try:</span>
            {EXAMPLES.map(([host, what]) => (
              <button
                type="button"
                key={host}
                aria-label={`Try ${host} (${what})`}
                onClick={() => {
                  set({ hostHeader: host, forwardedHost: '', xHost: 0 });
                }}
              >
                {host}
              </button>
            ))}
          </div>
        </div>
        <div class="widget-view">
          {result ? (
            <div class={`th-result th-${result.status === 200 ? 'ok' : 'bad'}`}>
              <p class="th-status">
                <span aria-hidden="true">{result.status === 200 ? '✓' : '✗'}</span>{' '}
                <strong>{result.statusText}</strong>
              </p>
              <p>{result.explanation}</p>
              {result.entries.length > 0 ? (
                <ul>
                  {result.entries.map((entry) => (
                    <li key={entry.entry}>
                      <code>{entry.entry}</code>: {entry.matches ? 'matches' : 'no match'} —{' '}
                      {entry.why}
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}
          {computed.status !== 'ready' ? (
            <p class="th-loading" role="status">
              {computed.message || 'Loading the tables for international host names…'}
            </p>
          ) : null}
        </div>
      </div>
    </WidgetFrame>
  );
}

export default TrustedHosts;
