/**
 * Where PostgreSQL's connection slots go: a stacked bar of what the service needs (app at its
 * steady peak, other clients, the extra during a rolling deploy) above a bar of the slots
 * (available to ordinary roles, reserved), with the limit drawn as a labelled line. Segments
 * differ by pattern as well as colour, and the legend repeats every figure as text.
 */
import type { CapacityResult } from '../../sim/capacity/capacity';

export interface CapacityConnectionBarProps {
  idPrefix: string;
  result: CapacityResult;
}

const WIDTH = 420;
const LEFT = 58;
const RIGHT = 12;
const BAR_HEIGHT = 26;

export function CapacityConnectionBar({ idPrefix, result }: CapacityConnectionBarProps) {
  const r = result;
  const other = r.settings.otherConnections;
  const surge = r.deployServerConnections - r.serverConnections;
  const scaleMax = Math.max(r.maxConnections, r.deployTotal + r.reservedTotal, 1) * 1.08;
  const plot = WIDTH - LEFT - RIGHT;
  const x = (value: number): number => LEFT + (Math.max(0, value) / scaleMax) * plot;
  const hatch = `${idPrefix}-hatch`;
  const dots = `${idPrefix}-dots`;
  const cross = `${idPrefix}-cross`;
  const limitX = x(r.available);
  const limitWord = r.maxConnectionsIsUpperBound ? 'at most ' : '';
  const summary = `Needed during a deploy: ${r.deployTotal} connections (app ${r.serverConnections} at the steady peak, other clients ${other}, deploy extra ${surge}). Available to the app: ${limitWord}${r.available} of ${limitWord}${r.maxConnections}, ${r.reservedTotal} reserved.`;

  const segments = [
    { key: 'steady', from: 0, to: r.serverConnections, cls: 'cap-seg-steady', fill: undefined },
    {
      key: 'other',
      from: r.serverConnections,
      to: r.serverConnections + other,
      cls: 'cap-seg-other',
      fill: `url(#${dots})`,
    },
    {
      key: 'surge',
      from: r.serverConnections + other,
      to: r.deployTotal,
      cls: 'cap-seg-surge',
      fill: `url(#${hatch})`,
    },
  ];

  return (
    <div class="cap-chart">
      <svg
        class="cap-svg"
        viewBox={`0 0 ${WIDTH} 112`}
        role="img"
        aria-label={summary}
        preserveAspectRatio="xMinYMin meet"
      >
        <defs>
          <pattern id={hatch} width="8" height="8" patternUnits="userSpaceOnUse">
            <rect width="8" height="8" class="cap-pattern-bg-warn" />
            <path d="M0 8 L8 0" class="cap-pattern-line" />
          </pattern>
          <pattern id={dots} width="6" height="6" patternUnits="userSpaceOnUse">
            <rect width="6" height="6" class="cap-pattern-bg-info" />
            <circle cx="3" cy="3" r="1.3" class="cap-pattern-dot" />
          </pattern>
          <pattern id={cross} width="8" height="8" patternUnits="userSpaceOnUse">
            <rect width="8" height="8" class="cap-pattern-bg-muted" />
            <path d="M0 0 L8 8 M8 0 L0 8" class="cap-pattern-line" />
          </pattern>
        </defs>
        <text x="4" y="32" class="cap-svg-label">
          needed
        </text>
        <text x="4" y="74" class="cap-svg-label">
          slots
        </text>
        <rect x={LEFT} y="14" width={plot} height={BAR_HEIGHT} class="cap-track" />
        {segments.map((segment) =>
          segment.to > segment.from ? (
            <rect
              key={segment.key}
              x={x(segment.from)}
              y="14"
              width={Math.max(1, x(segment.to) - x(segment.from))}
              height={BAR_HEIGHT}
              class={segment.cls}
              fill={segment.fill}
            />
          ) : null,
        )}
        <rect
          x={LEFT}
          y="56"
          width={Math.max(0, limitX - LEFT)}
          height={BAR_HEIGHT}
          class="cap-seg-available"
        />
        {r.reservedTotal > 0 ? (
          <rect
            x={limitX}
            y="56"
            width={Math.max(1, x(r.maxConnections) - limitX)}
            height={BAR_HEIGHT}
            fill={`url(#${cross})`}
            class="cap-seg-reserved"
          />
        ) : null}
        <line x1={limitX} x2={limitX} y1="4" y2="92" class="cap-limit-halo" />
        <line x1={limitX} x2={limitX} y1="4" y2="92" class="cap-limit-line" />
        <text
          x={Math.min(limitX, WIDTH - RIGHT)}
          y="106"
          class="cap-svg-label cap-limit-label"
          text-anchor={limitX > WIDTH * 0.6 ? 'end' : 'start'}
        >
          {`max_connections limit for the app: ${limitWord}${r.available}${r.deployTotal > r.available ? ` (deploy needs ${r.deployTotal})` : ''}`}
        </text>
      </svg>
      <ul class="cap-legend">
        <li>
          <span class="cap-swatch cap-swatch-steady" aria-hidden="true" /> App at its steady peak
          (what PostgreSQL sees): <strong>{r.serverConnections}</strong>
        </li>
        <li>
          <span class="cap-swatch cap-swatch-other" aria-hidden="true" /> Other clients (migrations,
          cron, admin, monitoring): <strong>{other}</strong>
        </li>
        <li>
          <span class="cap-swatch cap-swatch-surge" aria-hidden="true" /> Extra during a rolling
          deploy ({r.deployTasks} tasks at once): <strong>{surge}</strong>
        </li>
        <li>
          <span class="cap-swatch cap-swatch-reserved" aria-hidden="true" /> Reserved (
          <code>superuser_reserved_connections</code> + <code>reserved_connections</code>):{' '}
          <strong>{r.reservedTotal}</strong> of {limitWord}
          {r.maxConnections}
        </li>
      </ul>
    </div>
  );
}

export default CapacityConnectionBar;
