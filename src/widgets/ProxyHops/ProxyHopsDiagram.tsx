/**
 * The chain as a picture: client → each proxy → Gunicorn/Flask, top to bottom. Under every
 * arrow, the X-Forwarded-For and Host the request carries on that leg, so the header grows hop
 * by hop; bytes the client wrote are red, underlined and marked ✗ (never colour alone). Each
 * proxy is a button (click, Enter or Space) that opens its settings. Every value comes from
 * simulateChain's snapshots.
 */
import type { ChainResult, HeaderLine } from '../../sim/proxy/hops';

export interface ProxyHopsDiagramProps {
  result: ChainResult;
  /** The values an attacking client forges (empty when the client is honest). */
  forged: readonly string[];
  /** Open the settings of proxy `index` (0-based position in the chain). */
  onSelectHop: (index: number) => void;
}

const WIDTH = 640;
const NODE_H = 30;
const LEG_H = 46;
const NODE_W = 250;

function lineOf(headers: readonly HeaderLine[], name: string): HeaderLine | undefined {
  return headers.find((h) => h.name.toLowerCase() === name.toLowerCase());
}

function HeaderText({
  line,
  name,
  y,
  forged,
}: {
  line: HeaderLine | undefined;
  name: string;
  y: number;
  forged: readonly string[];
}) {
  return (
    <text x={NODE_W / 2 + 24} y={y} class="ph-d-header">
      {`${name}: `}
      {line === undefined ? (
        <tspan class="ph-d-absent">(not sent)</tspan>
      ) : (
        line.pieces.map((p, i) =>
          p.clientControlled && !p.separator && forged.includes(p.text.trim()) ? (
            <tspan key={i} class="ph-d-forged" text-decoration="underline">
              {`✗${p.text}`}
            </tspan>
          ) : (
            <tspan key={i}>{p.text}</tspan>
          ),
        )
      )}
    </text>
  );
}

export function ProxyHopsDiagram({ result, forged, onSelectHop }: ProxyHopsDiagramProps) {
  const senders = result.hops;
  const nodes = senders.length + 1;
  const height = nodes * NODE_H + (nodes - 1) * LEG_H + 4;
  const nodeY = (i: number): number => 2 + i * (NODE_H + LEG_H);
  const remote = result.request?.remote_addr ?? 'no request';
  const clientIp = senders[0]?.sourceAddress ?? '';
  const remoteOk = remote.replace(/:[0-9]+$/, '') === clientIp;
  const forgedAnywhere = result.received.some((h) =>
    h.pieces.some((p) => p.clientControlled && forged.includes(p.text.trim())),
  );
  const summary = senders
    .map((s, i) => {
      const xff = lineOf(s.headers, 'X-Forwarded-For');
      const value = xff ? xff.pieces.map((p) => p.text).join('') : 'none';
      return `${i === 0 ? s.label : `hop ${i}, ${s.label}`} sends X-Forwarded-For ${value}`;
    })
    .join('; ');

  return (
    <figure class="ph-diagram">
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        class="ph-d-svg"
        role="group"
        aria-label={`The chain, top to bottom: ${summary}; Flask's remote_addr is ${remote}.`}
      >
        {senders.map((s, i) => {
          const y = nodeY(i);
          const isHop = i > 0;
          const box = (
            <>
              <rect x={2} y={y} width={NODE_W} height={NODE_H} rx={6} class="ph-d-node" />
              <text x={12} y={y + 20} class="ph-d-label">
                {isHop ? `${i}. ${s.label}` : s.label}{' '}
                <tspan class="ph-d-addr">{s.sourceAddress}</tspan>
                {isHop ? <tspan class="ph-d-edit"> ✎</tspan> : null}
              </text>
            </>
          );
          const legTop = y + NODE_H;
          return (
            <g key={i}>
              {isHop ? (
                <g
                  class="ph-d-hop"
                  role="button"
                  tabIndex={0}
                  aria-label={`${i}. ${s.label} ${s.sourceAddress}: edit this hop`}
                  onClick={() => {
                    onSelectHop(i - 1);
                  }}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' || e.key === ' ') {
                      e.preventDefault();
                      onSelectHop(i - 1);
                    }
                  }}
                >
                  {box}
                </g>
              ) : (
                box
              )}
              <line
                x1={NODE_W / 2}
                x2={NODE_W / 2}
                y1={legTop}
                y2={legTop + LEG_H - 6}
                class="ph-d-arrow"
              />
              <path
                d={`M${NODE_W / 2 - 5} ${legTop + LEG_H - 10} L${NODE_W / 2} ${legTop + LEG_H - 2} L${NODE_W / 2 + 5} ${legTop + LEG_H - 10}`}
                class="ph-d-arrow"
              />
              <text x={NODE_W / 2 - 8} y={legTop + 26} text-anchor="end" class="ph-d-scheme">
                {s.scheme}
              </text>
              <HeaderText
                line={lineOf(s.headers, 'X-Forwarded-For')}
                name="X-Forwarded-For"
                y={legTop + 18}
                forged={forged}
              />
              <HeaderText
                line={lineOf(s.headers, 'Host')}
                name="Host"
                y={legTop + 36}
                forged={forged}
              />
            </g>
          );
        })}
        <rect
          x={2}
          y={nodeY(nodes - 1)}
          width={NODE_W}
          height={NODE_H}
          rx={6}
          class={remoteOk ? 'ph-d-node ph-d-app-ok' : 'ph-d-node ph-d-app-bad'}
        />
        <text x={12} y={nodeY(nodes - 1) + 20} class="ph-d-label">
          {`Gunicorn → Flask: remote_addr ${remote} ${remoteOk ? '✓' : '✗'}`}
        </text>
      </svg>
      <figcaption class="ph-muted">
        Each proxy is a button that opens its settings.{' '}
        {forgedAnywhere
          ? 'Red, underlined values marked ✗ were written by the client (forged).'
          : 'No client-written value reaches the app.'}
      </figcaption>
    </figure>
  );
}

export default ProxyHopsDiagram;
