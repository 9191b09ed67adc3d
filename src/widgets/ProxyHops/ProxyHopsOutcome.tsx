/**
 * Below the widget's main view: the other findings, what Flask sees, the recommended settings
 * with a one-click Apply, and the line to copy. The ProxyFix inputs are ProxyHopsFixSettings.
 */
import { useState } from 'preact/hooks';
import type { Classification, Recommendation } from '../../sim/proxy/advice';
import {
  formatProxyFixLine,
  type ChainResult,
  type HopConfig,
  type ProxyFixSettings,
} from '../../sim/proxy/hops';
import { PROXY_FIX_ARGS } from '../../sim/proxy/proxy-fix';
import { describeCookieEffects } from '../../sim/proxy/session-cookie';

export const PROXY_FIX_DOC = 'https://werkzeug.palletsprojects.com/en/stable/middleware/proxy_fix/';
export const FLASK_PROXY_DOC = 'https://flask.palletsprojects.com/en/stable/deploying/proxy_fix/';

export interface ProxyHopsOutcomeProps {
  settings: ProxyFixSettings;
  result: ChainResult;
  classification: Classification;
  advice: Recommendation;
  clientIp: string;
  browserScheme: 'http' | 'https';
  sessionCookieSecure: boolean;
  onSettings: (settings: ProxyFixSettings) => void;
  /** Replace the chain (a hop setting the advice says fixes what x_* cannot). */
  onHops: (hops: readonly HopConfig[]) => void;
}

export function ProxyHopsOutcome(props: ProxyHopsOutcomeProps) {
  const { settings, result, classification, advice, clientIp } = props;
  const [copied, setCopied] = useState('');
  const request = result.request;
  const line = formatProxyFixLine(settings);
  const matchesAdvice =
    settings.enabled === advice.enabled &&
    PROXY_FIX_ARGS.every((arg) => settings[arg] === advice.counts[arg]);

  const copyLine = async () => {
    try {
      await navigator.clipboard.writeText(line);
      setCopied('Copied.');
    } catch {
      setCopied('Clipboard unavailable: select the line and copy it.');
    }
  };

  const remote = request?.remote_addr ?? null;
  const remoteIsClient = remote !== null && remote.replace(/:[0-9]+$/, '') === clientIp;
  const cookie = request
    ? describeCookieEffects({
        browserScheme: props.browserScheme,
        flaskScheme: request.scheme,
        sessionCookieSecure: props.sessionCookieSecure,
      })
    : null;

  return (
    <div class="ph-outcome">
      {classification.findings.length > 1 ? (
        <div class="ph-findings">
          <p>Also found:</p>
          <ul>
            {classification.findings
              .filter((f) => f.message !== classification.summary)
              .map((f, i) => (
                <li key={i}>{f.message}</li>
              ))}
          </ul>
        </div>
      ) : null}

      <h4>What Flask sees</h4>
      {request ? (
        <table class="ph-flask">
          <caption class="ph-visually-hidden">Request attributes after ProxyFix</caption>
          <tbody>
            <tr>
              <th scope="row">
                <code>request.remote_addr</code>
              </th>
              <td>
                <code class="ph-remote-addr">{remote ?? 'None'}</code>{' '}
                <span class={remoteIsClient ? 'ph-ok' : 'ph-bad'}>
                  {remoteIsClient ? '✓ the real client' : `✗ not the real client (${clientIp})`}
                </span>
              </td>
            </tr>
            <tr>
              <th scope="row">
                <code>request.scheme</code> / <code>is_secure</code>
              </th>
              <td>
                <code>{request.scheme}</code> / <code>{request.is_secure ? 'True' : 'False'}</code>
              </td>
            </tr>
            <tr>
              <th scope="row">
                <code>request.host</code>
              </th>
              <td>
                <code>{request.host === '' ? "''" : request.host}</code>
                {request.host_error ? <span class="ph-bad"> 400: {request.host_error}</span> : null}
              </td>
            </tr>
            <tr>
              <th scope="row">
                <code>request.root_url</code>
              </th>
              <td>
                <code>{request.root_url ?? 'ValueError'}</code>
              </td>
            </tr>
            <tr>
              <th scope="row">
                <code>request.script_root</code>
              </th>
              <td>
                <code>{request.script_root === '' ? "''" : request.script_root}</code>
              </td>
            </tr>
            <tr>
              <th scope="row">
                <code>request.access_route</code>
              </th>
              <td>
                <code>[{request.access_route.map((a) => `'${a}'`).join(', ')}]</code>{' '}
                <span class="ph-muted">raw list, ignores x_for: never use it for security</span>
              </td>
            </tr>
          </tbody>
        </table>
      ) : (
        <p class="ph-bad">No request reaches Flask.</p>
      )}
      {cookie ? (
        <ul class="ph-notes">
          {cookie.notes.map((note, i) => (
            <li key={i}>{note}</li>
          ))}
        </ul>
      ) : null}

      <h4>Recommended for this chain</h4>
      <ul class="ph-advice">
        {PROXY_FIX_ARGS.map((arg) => (
          <li key={arg}>
            <code>
              {arg}={advice.counts[arg]}
            </code>
            : {advice.reasons[arg]}
          </li>
        ))}
      </ul>
      {advice.warnings.map((warning, i) => (
        <p key={i} class="ph-warning">
          <strong>Warning:</strong> {warning}
        </p>
      ))}
      <p>
        <button
          type="button"
          disabled={matchesAdvice}
          onClick={() => {
            props.onSettings({ ...settings, ...advice.counts, enabled: advice.enabled });
          }}
        >
          Apply recommended settings
        </button>{' '}
        {matchesAdvice ? <span class="ph-muted">(already applied)</span> : null}
      </p>
      {advice.remaining.length > 0 ? (
        <section class="ph-remaining" aria-label="What these values cannot fix">
          <h4>What these values cannot fix</h4>
          <ul>
            {advice.remaining.map((r, i) => (
              <li key={i}>
                <strong>Still wrong:</strong> {r.finding.message} {r.why}
                {r.hopFix ? (
                  <ul>
                    {r.hopFix.changes.map((c) => (
                      <li key={c.hopIndex}>
                        Hop {c.hopIndex}, {c.hopLabel}: {c.text}{' '}
                        <a href={c.docUrl} rel="noopener noreferrer" target="_blank">
                          docs
                        </a>
                      </li>
                    ))}
                    <li>
                      <button
                        type="button"
                        onClick={() => {
                          props.onHops(r.hopFix!.hops);
                        }}
                      >
                        Change {r.hopFix.changes.map((c) => c.hopLabel).join(' and ')} to fix this
                      </button>
                    </li>
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <h4>
        The line for your app (<a href={FLASK_PROXY_DOC}>Flask: Tell Flask it is behind a proxy</a>)
      </h4>
      <div class="ph-line">
        <pre>
          <code>{line}</code>
        </pre>
        <button type="button" onClick={() => void copyLine()}>
          Copy line
        </button>
        <span class="ph-muted" role="status">
          {copied}
        </span>
      </div>
    </div>
  );
}
