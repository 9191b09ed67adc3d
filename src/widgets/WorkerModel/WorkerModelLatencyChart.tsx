/**
 * Latency against offered load: the 95th-percentile latency of each compared variant at eight
 * arrival rates, on a logarithmic axis. Lines differ by dash pattern and marker shape as well as
 * colour and carry text labels; the same numbers are in a table below the chart.
 */
import { formatMs, formatNumber, type SweepResult } from '../../sim/workers';

export interface WorkerModelLatencyChartProps {
  idPrefix: string;
  sweep: SweepResult;
  chosenRatePerSecond: number;
}

const WIDTH = 640;
const HEIGHT = 300;
const LEFT = 64;
const RIGHT = 170;
const TOP = 14;
const BOTTOM = 46;
const DASHES = ['', '7 4', '2 4', '12 4 2 4', '4 2'];
const COLOURS = ['var(--accent)', 'var(--bad)', 'var(--ok)', 'var(--info)', 'var(--warn)'];

function marker(shape: number, x: number, y: number, colour: string, key: string) {
  const size = 4.5;
  switch (shape % 5) {
    case 0:
      return <circle key={key} cx={x} cy={y} r={size} fill={colour} />;
    case 1:
      return (
        <rect
          key={key}
          x={x - size}
          y={y - size}
          width={size * 2}
          height={size * 2}
          fill={colour}
        />
      );
    case 2:
      return (
        <path
          key={key}
          d={`M${x} ${y - size - 1} L${x + size + 1} ${y + size} L${x - size - 1} ${y + size} Z`}
          fill={colour}
        />
      );
    case 3:
      return (
        <path
          key={key}
          d={`M${x} ${y - size - 1} L${x + size + 1} ${y} L${x} ${y + size + 1} L${x - size - 1} ${y} Z`}
          fill={colour}
        />
      );
    default:
      return (
        <path
          key={key}
          d={`M${x - size} ${y - size} L${x + size} ${y + size} M${x - size} ${y + size} L${x + size} ${y - size}`}
          stroke={colour}
          stroke-width="2.5"
        />
      );
  }
}

export function WorkerModelLatencyChart({
  idPrefix,
  sweep,
  chosenRatePerSecond,
}: WorkerModelLatencyChartProps) {
  const all = sweep.points.flat();
  const maxRate = Math.max(1, ...all.map((point) => point.ratePerSecond));
  const latencies = all.map((point) => point.p95Ms).filter((value) => value > 0);
  const lowExp = Math.floor(Math.log10(Math.max(0.1, Math.min(...latencies, 1000))));
  const highExp = Math.max(lowExp + 1, Math.ceil(Math.log10(Math.max(...latencies, 10))));
  const plotW = WIDTH - LEFT - RIGHT;
  const plotH = HEIGHT - TOP - BOTTOM;
  const x = (rate: number): number => LEFT + (rate / maxRate) * plotW;
  const y = (ms: number): number =>
    TOP + plotH - ((Math.log10(Math.max(ms, 10 ** lowExp)) - lowExp) / (highExp - lowExp)) * plotH;
  const yTicks: number[] = [];
  for (let exp = lowExp; exp <= highExp; exp++) yTicks.push(10 ** exp);
  const xTicks = [0, 0.25, 0.5, 0.75, 1].map((fraction) => fraction * maxRate);
  const labelYs: number[] = [];
  const summary =
    `95th-percentile latency against offered load for ${sweep.variants.map((v) => v.label).join(', ')}. ` +
    `The table after the chart lists every point.`;

  return (
    <div class="wm-chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${idPrefix}-latency-title`}
        class="wm-svg"
      >
        <title id={`${idPrefix}-latency-title`}>{summary}</title>
        {yTicks.map((tick) => (
          <g key={`y${tick}`}>
            <line x1={LEFT} x2={LEFT + plotW} y1={y(tick)} y2={y(tick)} class="wm-grid" />
            <text x={LEFT - 6} y={y(tick) + 4} text-anchor="end" class="wm-axis-text">
              {formatMs(tick)}
            </text>
          </g>
        ))}
        {xTicks.map((tick) => (
          <text
            key={`x${tick}`}
            x={x(tick)}
            y={TOP + plotH + 16}
            text-anchor="middle"
            class="wm-axis-text"
          >
            {formatNumber(tick)}
          </text>
        ))}
        <text x={LEFT + plotW / 2} y={HEIGHT - 6} text-anchor="middle" class="wm-axis-title">
          Offered load (requests per second)
        </text>
        <text
          x={14}
          y={TOP + plotH / 2}
          text-anchor="middle"
          class="wm-axis-title"
          transform={`rotate(-90 14 ${TOP + plotH / 2})`}
        >
          p95 latency (log scale)
        </text>
        <line
          x1={x(chosenRatePerSecond)}
          x2={x(chosenRatePerSecond)}
          y1={TOP}
          y2={TOP + plotH}
          class="wm-chosen"
        />
        <text x={x(chosenRatePerSecond) + 4} y={TOP + 10} class="wm-axis-text">
          chosen rate
        </text>
        {sweep.variants.map((variant, index) => {
          const points = (sweep.points[index] ?? []).filter((point) => point.p95Ms > 0);
          const colour = COLOURS[index % COLOURS.length]!;
          const last = points[points.length - 1];
          let labelY = last === undefined ? TOP : y(last.p95Ms);
          for (const used of labelYs) if (Math.abs(used - labelY) < 14) labelY = used + 14;
          labelYs.push(labelY);
          return (
            <g key={variant.label}>
              <polyline
                points={points
                  .map((point) => `${x(point.ratePerSecond)},${y(point.p95Ms)}`)
                  .join(' ')}
                fill="none"
                stroke={colour}
                stroke-width={variant.isCurrent ? 3 : 1.8}
                stroke-dasharray={DASHES[index % DASHES.length]}
              />
              {points.map((point) =>
                marker(
                  index,
                  x(point.ratePerSecond),
                  y(point.p95Ms),
                  colour,
                  `${point.loadFactor}`,
                ),
              )}
              {last !== undefined ? (
                <text x={x(last.ratePerSecond) + 8} y={labelY + 4} class="wm-line-label">
                  {variant.label}
                  {variant.isCurrent && sweep.variants.length > 1 ? ' (yours)' : ''}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <details class="wm-table-details">
        <summary>Chart data as a table</summary>
        <table class="wm-table">
          <caption>p95 latency, throughput and failures at each offered load</caption>
          <thead>
            <tr>
              <th scope="col">Configuration</th>
              <th scope="col">Offered (req/s)</th>
              <th scope="col">Served (req/s)</th>
              <th scope="col">p50</th>
              <th scope="col">p95</th>
              <th scope="col">Failed</th>
            </tr>
          </thead>
          <tbody>
            {sweep.variants.flatMap((variant, index) =>
              (sweep.points[index] ?? []).map((point) => (
                <tr key={`${variant.label}-${point.loadFactor}`}>
                  <th scope="row">{variant.label}</th>
                  <td>{formatNumber(point.ratePerSecond)}</td>
                  <td>{formatNumber(point.throughputPerSecond)}</td>
                  <td>{formatMs(point.p50Ms)}</td>
                  <td>{formatMs(point.p95Ms)}</td>
                  <td>{formatNumber(point.failedPercent)} %</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      </details>
    </div>
  );
}
