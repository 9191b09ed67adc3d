/**
 * Peak connections against the task count, everything else unchanged: what autoscaling does to
 * the database. The steady peak is a solid line, the rolling-deploy peak a dashed one, the limit
 * a labelled horizontal line; where a line crosses it is named in text below the chart.
 */
import type { CapacityResult, TaskSweepPoint } from '../../sim/capacity/capacity';

export interface CapacityTaskChartProps {
  result: CapacityResult;
  points: readonly TaskSweepPoint[];
}

const WIDTH = 420;
const HEIGHT = 200;
const LEFT = 40;
const RIGHT = 16;
const TOP = 14;
const BOTTOM = 34;

/** The first task count whose figure exceeds the limit, or null. */
function firstOver(
  points: readonly TaskSweepPoint[],
  key: 'steadyTotal' | 'deployTotal',
  limit: number,
): number | null {
  return points.find((point) => point[key] > limit)?.tasks ?? null;
}

export function CapacityTaskChart({ result, points }: CapacityTaskChartProps) {
  const r = result;
  const last = points[points.length - 1];
  const maxTasks = last?.tasks ?? 1;
  const yMax = Math.max(r.available, last?.deployTotal ?? 0, 1) * 1.1;
  const plotW = WIDTH - LEFT - RIGHT;
  const plotH = HEIGHT - TOP - BOTTOM;
  const x = (tasks: number): number => LEFT + ((tasks - 1) / Math.max(1, maxTasks - 1)) * plotW;
  const y = (value: number): number => TOP + plotH - (Math.min(value, yMax) / yMax) * plotH;
  const line = (key: 'steadyTotal' | 'deployTotal'): string =>
    points.map((point) => `${x(point.tasks).toFixed(1)},${y(point[key]).toFixed(1)}`).join(' ');
  const steadyWall = firstOver(points, 'steadyTotal', r.available);
  const deployWall = firstOver(points, 'deployTotal', r.available);
  const current = points.find((point) => point.tasks === r.settings.tasks);
  const ticks = [
    1,
    Math.ceil(maxTasks / 4),
    Math.ceil(maxTasks / 2),
    Math.ceil((3 * maxTasks) / 4),
    maxTasks,
  ];
  const uniqueTicks = [...new Set(ticks)];
  const limitWord = r.maxConnectionsIsUpperBound ? 'at most ' : '';

  const wallText =
    deployWall === null
      ? `Up to ${maxTasks} tasks, even a rolling deploy stays within the ${limitWord}${r.available} available connections.`
      : deployWall === 1
        ? `Even one task goes over the limit during a rolling deploy${steadyWall === 1 ? ', and at its steady peak' : ''}.`
        : `Autoscaling hits the wall at ${deployWall} tasks: from there a rolling deploy needs more than the ${limitWord}${r.available} available connections${steadyWall === null ? '' : `, and from ${steadyWall} tasks the steady peak does too`}.`;

  return (
    <div class="cap-chart">
      <svg
        class="cap-svg"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`Peak connections for 1 to ${maxTasks} tasks. ${wallText}`}
      >
        <line x1={LEFT} x2={LEFT} y1={TOP} y2={TOP + plotH} class="cap-axis" />
        <line x1={LEFT} x2={WIDTH - RIGHT} y1={TOP + plotH} y2={TOP + plotH} class="cap-axis" />
        {uniqueTicks.map((tick) => (
          <text
            key={tick}
            x={x(tick)}
            y={TOP + plotH + 14}
            class="cap-svg-small"
            text-anchor="middle"
          >
            {tick}
          </text>
        ))}
        <text x={LEFT + plotW / 2} y={HEIGHT - 4} class="cap-svg-small" text-anchor="middle">
          tasks
        </text>
        <text x={LEFT - 6} y={TOP + plotH} class="cap-svg-small" text-anchor="end">
          0
        </text>
        <text x={LEFT - 6} y={TOP + 8} class="cap-svg-small" text-anchor="end">
          {Math.round(yMax)}
        </text>
        <polyline points={line('steadyTotal')} class="cap-line-steady" />
        <polyline points={line('deployTotal')} class="cap-line-deploy" />
        {['cap-limit-halo', 'cap-limit-line'].map((cls) => (
          <line
            key={cls}
            x1={LEFT}
            x2={WIDTH - RIGHT}
            y1={y(r.available)}
            y2={y(r.available)}
            class={cls}
          />
        ))}
        <text
          x={WIDTH - RIGHT}
          y={y(r.available) - 4}
          class="cap-svg-small cap-limit-label"
          text-anchor="end"
        >
          {`max_connections limit ${limitWord}${r.available}`}
        </text>
        {deployWall === null ? null : (
          <line
            x1={x(deployWall)}
            x2={x(deployWall)}
            y1={TOP}
            y2={TOP + plotH}
            class="cap-wall-line"
          />
        )}
        {current ? (
          <g>
            <circle cx={x(current.tasks)} cy={y(current.deployTotal)} r="5" class="cap-dot" />
            <circle cx={x(current.tasks)} cy={y(current.steadyTotal)} r="5" class="cap-dot" />
          </g>
        ) : null}
      </svg>
      <p class="cap-chart-key">
        <span class="cap-key-steady" aria-hidden="true" /> solid: steady peak ·{' '}
        <span class="cap-key-deploy" aria-hidden="true" /> dashed: during a rolling deploy · dots:
        the current {r.settings.tasks} task{r.settings.tasks === 1 ? '' : 's'}
      </p>
      <p class="cap-chart-summary">{wallText}</p>
    </div>
  );
}

export default CapacityTaskChart;
