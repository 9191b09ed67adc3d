/**
 * The SVG timeline: one lane each for the orchestrator, the load balancer, the Gunicorn master
 * and every worker, plus a lane for connections no worker ever accepted. A bar per request,
 * filled by outcome with a pattern as well as a colour; event markers; the time cursor.
 * Every number comes from the ShutdownResult.
 */
import { useMemo } from 'preact/hooks';
import { shutdownBands, type TimeBand } from '../../sim/shutdown/bands';
import type { Lane, Outcome, RequestResult, ShutdownResult } from '../../sim/shutdown/shutdown';
import { OUTCOME_STYLES } from './outcome-style';

export interface ShutdownTimelineChartProps {
  uid: string;
  result: ShutdownResult;
  viewStartMs: number;
  viewEndMs: number;
  cursorMs: number;
}

const WIDTH = 1000;
const LABEL_W = 150;
const PLOT_W = WIDTH - LABEL_W - 16;
const AXIS_H = 26;
const LANE_H = 30;
/** One row per band (drain, stop timeout, graceful_timeout) above the lanes. */
const BAND_H = 18;
/** Bars drawn at most; failures are drawn first, so none is ever left out for space. */
export const MAX_BARS = 4000;

const LANE_NAMES: Record<string, string> = {
  orchestrator: 'Orchestrator',
  'load-balancer': 'Load balancer',
  master: 'Gunicorn master',
};

export function laneName(lane: Lane | 'unaccepted'): string {
  if (lane === 'unaccepted') return 'Not accepted';
  return LANE_NAMES[lane] ?? `Worker ${lane.slice('worker-'.length)}`;
}

function tickStepMs(spanMs: number): number {
  const steps = [
    100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 30_000, 60_000, 120_000, 300_000, 600_000,
  ];
  return steps.find((s) => spanMs / s <= 10) ?? 1_200_000;
}

export function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

function patternId(uid: string, outcome: Outcome): string {
  return `${uid}-pat-${outcome}`;
}

export function fillFor(uid: string, outcome: Outcome): string {
  const style = OUTCOME_STYLES[outcome];
  return style.pattern ? `url(#${patternId(uid, outcome)})` : style.colour;
}

export function ShutdownTimelineChart(props: ShutdownTimelineChartProps) {
  const { uid, result, viewStartMs, viewEndMs, cursorMs } = props;
  const spanMs = Math.max(1, viewEndMs - viewStartMs);
  const x = (t: number) =>
    LABEL_W + ((Math.min(Math.max(t, viewStartMs), viewEndMs) - viewStartMs) / spanMs) * PLOT_W;
  const lanes: (Lane | 'unaccepted')[] = [...result.lanes, 'unaccepted'];
  const bands: TimeBand[] = useMemo(() => shutdownBands(result), [result]);
  const rows = bands.filter((b) => b.kind !== 'kill');
  const lanesTop = AXIS_H + rows.length * BAND_H + (rows.length > 0 ? 4 : 0);
  const laneY = new Map(lanes.map((lane, i) => [lane, lanesTop + i * LANE_H]));
  const height = lanesTop + lanes.length * LANE_H + 4;

  const staticPart = useMemo(() => {
    const visible = (r: RequestResult) =>
      r.outcome !== 'not-routed' && r.endAtMs >= viewStartMs && r.arriveAtMs <= viewEndMs;
    const failures = result.requests.filter((r) => visible(r) && r.outcome !== 'completed');
    const others = result.requests.filter((r) => visible(r) && r.outcome === 'completed');
    const drawn = [...failures, ...others].slice(0, MAX_BARS);
    const bars = drawn.map((r) => {
      const accepted = r.workerIndex !== null && r.startAtMs !== null;
      const lane: Lane | 'unaccepted' = accepted ? `worker-${r.workerIndex! + 1}` : 'unaccepted';
      const y = (laneY.get(lane) ?? 0) + 4 + (r.id % 4) * 4;
      const from = x(accepted ? r.startAtMs! : r.arriveAtMs);
      const to = x(r.endAtMs);
      return (
        <rect
          key={r.id}
          x={from}
          y={y}
          width={Math.max(1.5, to - from)}
          height={8}
          fill={fillFor(uid, r.outcome)}
          stroke={r.outcome === 'completed' ? 'none' : 'var(--fg)'}
          stroke-width={r.outcome === 'completed' ? 0 : 0.4}
        >
          <title>{`Request ${r.id + 1}: arrived ${formatSeconds(r.arriveAtMs)}, ${(r.durationMs / 1000).toFixed(2)} s of work, ${OUTCOME_STYLES[r.outcome].name} at ${formatSeconds(r.endAtMs)}`}</title>
        </rect>
      );
    });
    const step = tickStepMs(spanMs);
    const ticks: number[] = [];
    for (let t = Math.ceil(viewStartMs / step) * step; t <= viewEndMs; t += step) ticks.push(t);
    return (
      <g>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={AXIS_H - 4} y2={height} class="sdt-grid" />
            <text x={x(t)} y={AXIS_H - 8} text-anchor="middle" class="sdt-axis">
              {formatSeconds(t)}
            </text>
          </g>
        ))}
        {lanes.map((lane, i) => (
          <g key={lane}>
            <rect
              x={0}
              y={lanesTop + i * LANE_H}
              width={WIDTH}
              height={LANE_H}
              class={i % 2 === 0 ? 'sdt-lane-even' : 'sdt-lane-odd'}
            />
            <text x={8} y={lanesTop + i * LANE_H + LANE_H / 2 + 4} class="sdt-lane-label">
              {laneName(lane)}
            </text>
          </g>
        ))}
        {rows.map((b, i) => {
          const from = x(b.fromMs);
          const to = Math.max(from + 2, x(b.toMs));
          const y = AXIS_H + i * BAND_H;
          return (
            <g key={b.kind} class={`sdt-band sdt-band-${b.kind}`}>
              <rect x={from} y={y + 1} width={to - from} height={BAND_H - 2} />
              <rect
                x={from}
                y={lanesTop}
                width={to - from}
                height={lanes.length * LANE_H}
                class="sdt-band-shade"
              />
              {/* A narrow band late in the view is labelled to its left, inside its own row. */}
              {from > LABEL_W + PLOT_W / 2 && to - from < b.label.length * 6.5 ? (
                <text x={to - 4} y={y + BAND_H - 5} text-anchor="end">
                  {b.label}
                </text>
              ) : (
                <text x={from + 4} y={y + BAND_H - 5}>
                  {b.label}
                </text>
              )}
              <title>{`${b.label}: ${formatSeconds(b.fromMs)} to ${formatSeconds(b.toMs)}`}</title>
            </g>
          );
        })}
        {bars}
        {bands
          .filter((b) => b.kind === 'kill' && b.fromMs >= viewStartMs && b.fromMs <= viewEndMs)
          .map((b) => (
            <g key="kill" class="sdt-kill">
              <line x1={x(b.fromMs)} x2={x(b.fromMs)} y1={AXIS_H} y2={height} />
              <text x={x(b.fromMs) - 4} y={AXIS_H + 12} text-anchor="end">
                SIGKILL
              </text>
            </g>
          ))}
        {result.events
          .filter((e) => e.atMs >= viewStartMs && e.atMs <= viewEndMs)
          .map((e, i) => {
            const cx = x(e.atMs);
            const cy = (laneY.get(e.lane) ?? 0) + LANE_H / 2;
            return (
              <path
                key={`${e.lane}-${i}`}
                d={`M${cx} ${cy - 7} L${cx + 6} ${cy} L${cx} ${cy + 7} L${cx - 6} ${cy} Z`}
                class="sdt-event"
              >
                <title>{`${formatSeconds(e.atMs)}: ${e.label}`}</title>
              </path>
            );
          })}
      </g>
    );
  }, [result, viewStartMs, viewEndMs, uid, bands]);

  return (
    <svg
      class="sdt-chart"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-label={`Timeline from ${formatSeconds(viewStartMs)} to ${formatSeconds(viewEndMs)}: lanes ${lanes.map(laneName).join(', ')}; one bar per request, filled by outcome.${rows.length > 0 ? ` Bands: ${rows.map((b) => `${b.label} from ${formatSeconds(b.fromMs)} to ${formatSeconds(b.toMs)}`).join('; ')}.` : ''} The event list below gives the same information as text.`}
    >
      <defs>
        {(Object.keys(OUTCOME_STYLES) as Outcome[]).map((outcome) => {
          const style = OUTCOME_STYLES[outcome];
          if (!style.pattern) return null;
          return (
            <pattern
              key={outcome}
              id={patternId(uid, outcome)}
              width="6"
              height="6"
              patternUnits="userSpaceOnUse"
            >
              <rect width="6" height="6" fill={style.colour} />
              {style.pattern === 'hatch' ? (
                <path d="M0 6 L6 0" stroke="var(--bg)" stroke-width="1.5" />
              ) : style.pattern === 'dots' ? (
                <circle cx="3" cy="3" r="1.2" fill="var(--bg)" />
              ) : (
                <path d="M0 0 L6 6 M6 0 L0 6" stroke="var(--bg)" stroke-width="1" />
              )}
            </pattern>
          );
        })}
      </defs>
      {staticPart}
      <line x1={x(cursorMs)} x2={x(cursorMs)} y1={AXIS_H - 6} y2={height} class="sdt-cursor" />
    </svg>
  );
}

export default ShutdownTimelineChart;
