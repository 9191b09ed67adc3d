/** One request through the chain: every hop's log, then what the app saw and derived. */
import type {
  LabChainInfo,
  LabExchange,
  LabHeaderLine,
} from '../../runtime/webcontainer/lab-types';
import { LAB_PROXY_LABELS } from '../../runtime/webcontainer/lab-types';
import { judgeExchange } from './lab-verdict';

function headerOf(lines: readonly LabHeaderLine[], name: string): string {
  const values = lines.filter(([key]) => key === name).map(([, value]) => value);
  return values.length === 0 ? '(none)' : values.join(' | ');
}

function HeaderList({ lines }: { lines: readonly LabHeaderLine[] }) {
  return (
    <ul class="lab-headers">
      {lines.map(([name, value], i) => (
        <li key={i}>
          <code>
            {name}: {value}
          </code>
        </li>
      ))}
    </ul>
  );
}

export interface ExchangeViewProps {
  exchange: LabExchange;
  chain: LabChainInfo;
  /** Heading level text for screen readers, e.g. "Request 3". */
  title: string;
}

export function ExchangeView({ exchange, chain, title }: ExchangeViewProps) {
  const verdict = judgeExchange(exchange, chain);
  const app = exchange.app;
  return (
    <div class="lab-exchange">
      <h4 class="lab-exchange-title">{title}</h4>
      <p class={`lab-verdict lab-verdict-${verdict.kind}`} role="status">
        <strong>
          {verdict.kind === 'client' ? '✔ ' : verdict.kind === 'unclear' ? 'ℹ ' : '✘ '}
        </strong>
        {verdict.text}
      </p>
      <div class="lab-table-wrap">
        <table class="lab-hops">
          <caption>X-Forwarded-For at every hop</caption>
          <thead>
            <tr>
              <th scope="col">Hop</th>
              <th scope="col">TCP peer it saw</th>
              <th scope="col">X-Forwarded-For received</th>
              <th scope="col">X-Forwarded-For sent on</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Client ({chain.clientAddress})</th>
              <td>—</td>
              <td>—</td>
              <td>
                <code>{headerOf(exchange.sent, 'x-forwarded-for')}</code>
              </td>
            </tr>
            {exchange.hops.map((hop, i) => (
              <tr key={i}>
                <th scope="row">
                  {i + 1}. {LAB_PROXY_LABELS[hop.kind]} (port {hop.port})
                </th>
                <td>
                  <code>{hop.peer}</code>
                </td>
                <td>
                  <code>{headerOf(hop.received, 'x-forwarded-for')}</code>
                </td>
                <td>
                  <code>{headerOf(hop.sent, 'x-forwarded-for')}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {app ? (
        <dl class="lab-app">
          <dt>Gunicorn’s REMOTE_ADDR (the TCP peer)</dt>
          <dd>
            <code>{app.environ['REMOTE_ADDR'] ?? '(none)'}</code>
          </dd>
          <dt>HTTP_X_FORWARDED_FOR</dt>
          <dd>
            <code>{app.environ['HTTP_X_FORWARDED_FOR'] ?? '(none)'}</code>
          </dd>
          <dt>request.remote_addr after ProxyFix</dt>
          <dd>
            <code class="lab-remote-addr">{app.view.remote_addr ?? '(none)'}</code>
          </dd>
          <dt>request.scheme</dt>
          <dd>
            <code>{app.view.scheme}</code>
          </dd>
          <dt>request.host</dt>
          <dd>
            <code>{app.view.host || '(empty)'}</code>
          </dd>
          <dt>request.access_route (raw, untrusted)</dt>
          <dd>
            <code>{app.view.access_route.join(', ')}</code>
          </dd>
        </dl>
      ) : (
        <p>No answer from the app: {exchange.error ?? `HTTP ${exchange.status}`}.</p>
      )}
      <details class="lab-details">
        <summary>Every header line, hop by hop</summary>
        <h5>Client sent</h5>
        <HeaderList lines={exchange.sent} />
        {exchange.hops.map((hop, i) => (
          <div key={i}>
            <h5>
              {i + 1}. {LAB_PROXY_LABELS[hop.kind]} sent
            </h5>
            <HeaderList lines={hop.sent} />
          </div>
        ))}
      </details>
    </div>
  );
}
