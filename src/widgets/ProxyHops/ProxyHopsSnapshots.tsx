/**
 * The linked views of the request: as it leaves each sender (client and every proxy), and the
 * WSGI environ Gunicorn builds from the last one. X-Forwarded-* values are drawn piece by piece
 * with the writer named; UNVERIFIED behaviours are listed where they apply.
 */
import { HOP_DOCS, headerValue, type ChainResult } from '../../sim/proxy/hops';
import { PROXY_ENVIRON_KEYS } from '../../sim/proxy/proxy-fix';
import { ProxyHopsHeaderValue } from './ProxyHopsHeaderValue';

export interface ProxyHopsSnapshotsProps {
  result: ChainResult;
}

function isForwardingHeader(name: string): boolean {
  const lower = name.toLowerCase().replace(/_/g, '-');
  return lower.startsWith('x-forwarded-') || lower === 'host';
}

export function ProxyHopsSnapshots({ result }: ProxyHopsSnapshotsProps) {
  const writers = result.hops.map((hop) => hop.label);
  const environ = result.environ;
  return (
    <div class="ph-snapshots">
      <h4>The request as it leaves each hop</h4>
      <ol class="ph-snapshot-list">
        {result.hops.map((hop) => (
          <li key={hop.index} class="ph-snapshot">
            <p class="ph-snapshot-head">
              <strong>{hop.label}</strong> → {hop.scheme}, from <code>{hop.sourceAddress}</code>
            </p>
            <table class="ph-headers">
              <caption class="ph-visually-hidden">Headers sent by {hop.label}</caption>
              <thead>
                <tr>
                  <th scope="col">Header</th>
                  <th scope="col">Value (who wrote it)</th>
                </tr>
              </thead>
              <tbody>
                {hop.headers
                  .filter(
                    (line) =>
                      isForwardingHeader(line.name) ||
                      line.name.toLowerCase().startsWith('cloudfront'),
                  )
                  .map((line, i) => (
                    <tr key={i}>
                      <th scope="row">
                        <code>{line.name}</code>
                      </th>
                      <td>
                        <ProxyHopsHeaderValue pieces={line.pieces} writers={writers} />
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
            {hop.notes.length > 0 ? (
              <ul class="ph-notes">
                {hop.notes.map((note, i) => (
                  <li key={i}>{note}</li>
                ))}
              </ul>
            ) : null}
            {hop.kind !== 'client' && HOP_DOCS[hop.kind].length > 0 ? (
              <p class="ph-docs">
                Docs:{' '}
                {HOP_DOCS[hop.kind].map(([title, href], i) => (
                  <span key={href}>
                    {i > 0 ? ' · ' : ''}
                    <a href={href}>{title}</a>
                  </span>
                ))}
              </p>
            ) : null}
            {hop.unverified.map((text, i) => (
              <p key={i} class="ph-unverified">
                <strong>UNVERIFIED:</strong> {text}
              </p>
            ))}
          </li>
        ))}
      </ol>

      <h4>The WSGI environ Gunicorn builds</h4>
      <p class="ph-muted">
        TCP peer <code>{result.peerAddress}</code>. Repeated header lines are joined with “,”.
      </p>
      {result.gunicornError ? (
        <p class="ph-bad">
          <strong>Gunicorn answers {result.gunicornError}</strong>; Flask never sees the request.
        </p>
      ) : null}
      {environ ? (
        <table class="ph-environ">
          <caption class="ph-visually-hidden">WSGI environ keys</caption>
          <thead>
            <tr>
              <th scope="col">Key</th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody>
            {PROXY_ENVIRON_KEYS.filter((key) => environ[key] !== undefined).map((key) => {
              const pieces = result.environPieces[key];
              return (
                <tr key={key}>
                  <th scope="row">
                    <code>{key}</code>
                  </th>
                  <td>
                    {pieces && key.startsWith('HTTP_X_') ? (
                      <ProxyHopsHeaderValue pieces={pieces} writers={writers} />
                    ) : (
                      <code>{environ[key]}</code>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {result.gunicornNotes.length > 0 ? (
        <ul class="ph-notes">
          {result.gunicornNotes.map((note, i) => (
            <li key={i}>{note}</li>
          ))}
        </ul>
      ) : null}
      <p class="ph-docs">
        Docs:{' '}
        {HOP_DOCS.gunicorn.map(([title, href], i) => (
          <span key={href}>
            {i > 0 ? ' · ' : ''}
            <a href={href}>{title}</a>
          </span>
        ))}
      </p>
      <details class="ph-raw">
        <summary>All header lines Gunicorn received</summary>
        <pre>{result.received.map((line) => `${line.name}: ${headerValue(line)}`).join('\n')}</pre>
      </details>
    </div>
  );
}
