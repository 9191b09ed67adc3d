/**
 * "Count your hops from real headers": paste what an echo endpoint printed in production and
 * get proposed x_* values with the reasoning. The text stays on this page (not in the URL).
 */
import { useState } from 'preact/hooks';
import { proposeFromPaste, type PasteResult } from '../../sim/proxy/parse-headers';
import { PROXY_FIX_ARGS, type ProxyFixCounts } from '../../sim/proxy/proxy-fix';
import { MAX_COUNT } from '../../sim/proxy/scenario-state';
import { ProxyHopsTextField } from './ProxyHopsTextField';

export interface ProxyHopsPasteProps {
  idPrefix: string;
  onApply: (counts: ProxyFixCounts) => void;
}

const EXAMPLE = `GET /debug/headers HTTP/1.1
Host: app.example.com
X-Forwarded-For: 203.0.113.7,198.51.100.20
X-Forwarded-Proto: https
X-Forwarded-Port: 443
X-Amz-Cf-Id: 1x2y3z`;

export function ProxyHopsPaste({ idPrefix, onApply }: ProxyHopsPasteProps) {
  const [text, setText] = useState('');
  const [yourIp, setYourIp] = useState('');
  const [result, setResult] = useState<PasteResult | null>(null);
  const textId = `${idPrefix}-paste`;

  const propose = () => {
    setResult(proposeFromPaste(text, { yourIp }));
  };

  return (
    <div class="ph-paste-body">
      <p>
        Make one request from your own machine through the real chain to an endpoint that prints the
        headers it received (for example <code>{'return dict(request.headers)'}</code>, or{' '}
        <code>request.environ</code>), and paste the output here. It is parsed on this page only.
      </p>
      <div class="ph-field">
        <label for={textId}>Raw request, header lines, JSON or environ dump</label>
        <textarea
          id={textId}
          rows={7}
          spellcheck={false}
          value={text}
          placeholder={EXAMPLE}
          onInput={(event) => {
            setText(event.currentTarget.value);
          }}
        />
      </div>
      <ProxyHopsTextField
        id={`${idPrefix}-paste-ip`}
        label="Your public IP address when you made the request (optional)"
        value={yourIp}
        maxLength={45}
        onChange={setYourIp}
      />
      <p>
        <button type="button" onClick={propose}>
          Propose x_* values
        </button>{' '}
        <button
          type="button"
          onClick={() => {
            setText(EXAMPLE);
            setYourIp('203.0.113.7');
            setResult(null);
          }}
        >
          Fill in an example
        </button>
      </p>
      <div role="status" aria-live="polite">
        {result === null ? null : result.ok ? (
          <div class="ph-paste-result">
            <p>
              Read {result.headers.length} header(s) as {result.format}. Proposed:{' '}
              <code>{PROXY_FIX_ARGS.map((arg) => `${arg}=${result.counts[arg]}`).join(', ')}</code>
            </p>
            <ul class="ph-advice">
              {PROXY_FIX_ARGS.map((arg) => (
                <li key={arg}>
                  <code>{arg}</code>: {result.reasons[arg]}
                </li>
              ))}
            </ul>
            {result.warnings.map((warning, i) => (
              <p key={i} class="ph-warning">
                <strong>Warning:</strong> {warning}
              </p>
            ))}
            <button
              type="button"
              onClick={() => {
                const c = result.counts;
                const clamp = (n: number) => Math.min(MAX_COUNT, n);
                onApply({
                  x_for: clamp(c.x_for),
                  x_proto: clamp(c.x_proto),
                  x_host: clamp(c.x_host),
                  x_port: clamp(c.x_port),
                  x_prefix: clamp(c.x_prefix),
                });
              }}
            >
              Use these values in ProxyFix settings
            </button>
          </div>
        ) : (
          <p class="ph-bad">{result.error}</p>
        )}
      </div>
    </div>
  );
}

export default ProxyHopsPaste;
