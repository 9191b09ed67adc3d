/**
 * The whole run over time: connections waiting in the backlog and requests held by workers
 * (one panel), and the share of the cores in use (another). Lines differ by dash pattern and are
 * named in a legend; a one-sentence summary carries the peaks for screen readers.
 */
import { formatNumber, type SeriesSample } from '../../sim/workers';

export interface WorkerModelTimeChartProps {
  idPrefix: string;
  series: readonly SeriesSample[];
}

const WIDTH = 640;
const LEFT = 64;
const RIGHT = 16;
const COUNT_HEIGHT = 150;
const CPU_HEIGHT = 90;
const TOP = 10;
const BOTTOM = 30;

function path(points: readonly (readonly [number, number])[]): string {
  return points
    .map(([px, py], index) => `${index === 0 ? 'M' : 'L'}${px.toFixed(1)} ${py.toFixed(1)}`)
    .join(' ');
}

export function WorkerModelTimeChart({ idPrefix, series }: WorkerModelTimeChartProps) {
  if (series.length < 2) return null;
  const endMs = series[series.length - 1]!.timeMs;
  const plotW = WIDTH - LEFT - RIGHT;
  const x = (ms: number): number => LEFT + (endMs > 0 ? ms / endMs : 0) * plotW;
  const maxCount = Math.max(1, ...series.map((s) => Math.max(s.queued, s.inService)));
  const countY = (value: number): number =>
    TOP + (COUNT_HEIGHT - TOP - BOTTOM) * (1 - value / maxCount);
  const cpuY = (share: number): number => TOP + (CPU_HEIGHT - TOP - BOTTOM) * (1 - share);
  const peakQueued = Math.max(...series.map((s) => s.queued));
  const peakHeld = Math.max(...series.map((s) => s.inService));
  const meanCpu = series.reduce((sum, s) => sum + s.cpuUse, 0) / series.length;
  const seconds = (ms: number): string => `${formatNumber(ms / 1000)} s`;
  const xTicks = [0, 0.25, 0.5, 0.75, 1].map((fraction) => fraction * endMs);

  return (
    <div class="wm-chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${COUNT_HEIGHT}`}
        class="wm-svg"
        role="img"
        aria-label={`Over ${seconds(endMs)}: at most ${formatNumber(peakQueued)} connections waited in the backlog and at most ${formatNumber(peakHeld)} requests were held by workers.`}
      >
        {[0, 0.5, 1].map((fraction) => (
          <g key={`c${fraction}`}>
            <line
              x1={LEFT}
              x2={LEFT + plotW}
              y1={countY(fraction * maxCount)}
              y2={countY(fraction * maxCount)}
              class="wm-grid"
            />
            <text
              x={LEFT - 6}
              y={countY(fraction * maxCount) + 4}
              text-anchor="end"
              class="wm-axis-text"
            >
              {formatNumber(Math.round(fraction * maxCount))}
            </text>
          </g>
        ))}
        {xTicks.map((tick) => (
          <text
            key={`t${tick}`}
            x={x(tick)}
            y={COUNT_HEIGHT - 12}
            text-anchor="middle"
            class="wm-axis-text"
          >
            {seconds(tick)}
          </text>
        ))}
        <path
          d={path(series.map((s) => [x(s.timeMs), countY(s.inService)]))}
          class="wm-line-held"
        />
        <path d={path(series.map((s) => [x(s.timeMs), countY(s.queued)]))} class="wm-line-queued" />
      </svg>
      <p class="wm-legend" id={`${idPrefix}-time-legend`}>
        <span class="wm-key wm-key-held" aria-hidden="true" /> held by workers (solid) ·{' '}
        <span class="wm-key wm-key-queued" aria-hidden="true" /> waiting in the backlog (dashed)
      </p>
      <svg
        viewBox={`0 0 ${WIDTH} ${CPU_HEIGHT}`}
        class="wm-svg"
        role="img"
        aria-label={`CPU use over the run, ${formatNumber(meanCpu * 100)} % on average.`}
      >
        {[0, 0.5, 1].map((share) => (
          <g key={`u${share}`}>
            <line x1={LEFT} x2={LEFT + plotW} y1={cpuY(share)} y2={cpuY(share)} class="wm-grid" />
            <text x={LEFT - 6} y={cpuY(share) + 4} text-anchor="end" class="wm-axis-text">
              {share * 100} %
            </text>
          </g>
        ))}
        <path d={path(series.map((s) => [x(s.timeMs), cpuY(s.cpuUse)]))} class="wm-line-cpu" />
        <text x={LEFT + plotW / 2} y={CPU_HEIGHT - 8} text-anchor="middle" class="wm-axis-title">
          CPU use of all cores
        </text>
      </svg>
    </div>
  );
}
