/**
 * One Gantt chart per way of writing the view: a row per request, a dashed line while it waits
 * for a worker, a bar while a worker holds it (labelled with the worker), the API calls inside
 * it, and the create_task job underneath — solid while it runs, hatched and marked "✕ cancelled"
 * for the part it never got to do. Both charts share one time scale.
 */
import { formatMs } from '../../sim/workers/describe-run';
import type { AsyncViewResult } from '../../sim/workers/simulate-async-view';

export interface AsyncViewTimelineProps {
  idPrefix: string;
  title: string;
  result: AsyncViewResult;
  scaleMs: number;
}

const WIDTH = 640;
const LEFT = 44;
const RIGHT = 16;
const ROW = 30;
const TOP = 8;
const AXIS = 26;

export function AsyncViewTimeline({ idPrefix, title, result, scaleMs }: AsyncViewTimelineProps) {
  const plotW = WIDTH - LEFT - RIGHT;
  const x = (ms: number): number => LEFT + (scaleMs > 0 ? ms / scaleMs : 0) * plotW;
  const height = TOP + result.requests.length * ROW + AXIS;
  const hatch = `${idPrefix}-${result.mode}-hatch`;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((fraction) => fraction * scaleMs);
  const summary =
    `${title}: each view holds its worker for ${formatMs(result.viewDurationMs)}; ` +
    `at most ${result.maxConcurrent} requests in service at once; all done after ${formatMs(result.makespanMs)}` +
    (result.cancelledTasks > 0 ? `; ${result.cancelledTasks} create_task jobs cancelled.` : '.');
  return (
    <div class="av-timeline">
      <h4 class="av-timeline-title">{title}</h4>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} class="av-svg" role="img" aria-label={summary}>
        <defs>
          <pattern id={hatch} width="6" height="6" patternUnits="userSpaceOnUse">
            <path d="M0 6 L6 0" class="av-hatch-line" />
          </pattern>
        </defs>
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={x(tick)} x2={x(tick)} y1={TOP} y2={height - AXIS} class="av-grid" />
            <text x={x(tick)} y={height - 8} text-anchor="middle" class="av-axis-text">
              {formatMs(tick)}
            </text>
          </g>
        ))}
        {result.requests.map((req, row) => {
          const top = TOP + row * ROW;
          return (
            <g key={req.id}>
              <text x={LEFT - 6} y={top + 14} text-anchor="end" class="av-axis-text">
                R{req.id + 1}
              </text>
              {req.startMs > req.arrivalMs ? (
                <line
                  x1={x(req.arrivalMs)}
                  x2={x(req.startMs)}
                  y1={top + 10}
                  y2={top + 10}
                  class="av-wait"
                />
              ) : null}
              <rect
                x={x(req.startMs)}
                y={top + 2}
                width={Math.max(1, x(req.endMs) - x(req.startMs))}
                height={16}
                class="av-held"
              />
              {req.segments
                .filter((segment) => segment.kind === 'api')
                .map((segment, index) => (
                  <rect
                    key={index}
                    x={x(segment.startMs)}
                    y={top + 5 + (result.mode === 'gather' ? index * 3.5 : 0)}
                    width={Math.max(1, x(segment.endMs) - x(segment.startMs))}
                    height={result.mode === 'gather' ? 3 : 10}
                    class="av-api"
                  />
                ))}
              <text x={x(req.startMs) + 3} y={top + 14} class="av-bar-text">
                W{req.workerIndex + 1}
              </text>
              {req.task !== null ? (
                <g>
                  <rect
                    x={x(req.task.startMs)}
                    y={top + 21}
                    width={Math.max(1, x(req.task.endMs) - x(req.task.startMs))}
                    height={5}
                    class="av-task"
                  />
                  {req.task.cancelled ? (
                    <>
                      <rect
                        x={x(req.task.endMs)}
                        y={top + 21}
                        width={Math.max(1, x(req.task.plannedEndMs) - x(req.task.endMs))}
                        height={5}
                        fill={`url(#${hatch})`}
                        class="av-task-lost"
                      />
                      <text x={x(req.task.endMs) + 3} y={top + 29} class="av-cancel-text">
                        ✕ cancelled
                      </text>
                    </>
                  ) : null}
                </g>
              ) : null}
            </g>
          );
        })}
      </svg>
    </div>
  );
}
