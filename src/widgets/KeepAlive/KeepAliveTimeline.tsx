/**
 * One kept connection after a request: the idle period, Gunicorn's keep-alive deadline, the
 * moment it really closes the socket (or the proxy drops it first), the window of send times
 * that meet the closing socket, and one probe request the reader places with a slider.
 * Every time comes from idleConnectionTimeline / simulateKeepAliveRequests (via the view).
 */
import type { IdleConnectionTimeline, RequestOutcome } from '../../sim/keepalive/timing';
import { probeOutcomeText } from '../../sim/keepalive/widget-state';

export interface KeepAliveTimelineProps {
  id: string;
  timeline: IdleConnectionTimeline;
  probe: { outcome: RequestOutcome; sentAt: number; method: string };
  proxyName: string;
  maxGapSeconds: number;
  onProbeGap: (seconds: number) => void;
  onProbeMethod: (method: 'GET' | 'POST') => void;
}

const WIDTH = 640;
const LEFT = 20;
const RIGHT = 20;
const AXIS_Y = 96;

function seconds(t: number): string {
  return t >= 100 ? `${t.toFixed(0)} s` : `${Number(t.toFixed(3))} s`;
}

const OUTCOME_MARK: Record<RequestOutcome, { mark: string; cls: string }> = {
  'ok-reused': { mark: '✓', cls: 'ka-ok' },
  'ok-new': { mark: '✓', cls: 'ka-ok' },
  retried: { mark: '↻', cls: 'ka-warn' },
  failed: { mark: '✗ 502', cls: 'ka-bad' },
};

export function KeepAliveTimeline(props: KeepAliveTimelineProps) {
  const { id, timeline: line, probe, proxyName, maxGapSeconds } = props;
  const span = maxGapSeconds;
  const x = (t: number) => LEFT + (Math.min(Math.max(t, 0), span) / span) * (WIDTH - LEFT - RIGHT);
  const end = line.idleEndsAt;
  const closeLabel =
    line.closer === 'gunicorn'
      ? `Gunicorn closes at ${seconds(line.closeAt)}`
      : line.closer === 'proxy'
        ? `${proxyName} closes at ${seconds(line.proxyExpiresAt)}`
        : 'closed after the response';
  const windowText =
    line.closer === 'gunicorn'
      ? `A request sent between ${seconds(line.windowFrom)} and ${seconds(line.windowTo)} meets the closing socket.`
      : line.closer === 'proxy'
        ? `${proxyName} drops the idle connection before Gunicorn would close it: no request can meet a closing socket.`
        : 'Gunicorn closes the connection after every response: nothing is reused, nothing races.';
  const mark = OUTCOME_MARK[probe.outcome];
  const description = `Timeline of one kept connection: response ends at ${seconds(line.responseEndAt)}, Gunicorn's keepalive deadline at ${seconds(line.deadlineAt)}, ${closeLabel}. ${windowText} The next ${probe.method} request, sent at ${seconds(probe.sentAt)}, ${probeOutcomeText(probe.outcome)}.`;
  const gapId = `${id}-probe-gap`;
  const methodId = `${id}-probe-method`;
  return (
    <div class="ka-timeline">
      <svg viewBox={`0 0 ${WIDTH} 144`} role="img" aria-label={description} class="ka-svg">
        <line x1={LEFT} x2={WIDTH - RIGHT} y1={AXIS_Y} y2={AXIS_Y} class="ka-axis" />
        <text x={LEFT} y={AXIS_Y + 18} class="ka-text">
          0 s
        </text>
        <text x={WIDTH - RIGHT} y={AXIS_Y + 18} class="ka-text" text-anchor="end">
          {seconds(span)}
        </text>
        <rect
          x={x(line.responseEndAt)}
          y={AXIS_Y - 22}
          width={Math.max(1, x(end) - x(line.responseEndAt))}
          height={14}
          class="ka-idle"
        />
        <text x={x(line.responseEndAt) + 4} y={AXIS_Y - 28} class="ka-text">
          idle, kept open
        </text>
        {line.closer !== 'per-request' ? (
          <g>
            <line
              x1={x(line.deadlineAt)}
              x2={x(line.deadlineAt)}
              y1={AXIS_Y - 60}
              y2={AXIS_Y}
              class="ka-deadline"
            />
            <text x={x(line.deadlineAt) - 4} y={AXIS_Y - 62} class="ka-text" text-anchor="end">
              keepalive deadline
            </text>
          </g>
        ) : null}
        <line x1={x(end)} x2={x(end)} y1={AXIS_Y - 46} y2={AXIS_Y} class="ka-close" />
        <text x={x(end) + 4} y={AXIS_Y - 48} class="ka-text">
          {closeLabel}
        </text>
        {line.closer === 'gunicorn' ? (
          <rect
            x={x(line.windowFrom) - 2}
            y={AXIS_Y - 8}
            width={Math.max(4, x(line.windowTo) - x(line.windowFrom))}
            height={16}
            class="ka-window"
          />
        ) : null}
        <g class={`ka-probe ${mark.cls}`} style={{ transform: `translateX(${x(probe.sentAt)}px)` }}>
          <path d={`M0 ${AXIS_Y + 26} L-6 ${AXIS_Y + 36} L6 ${AXIS_Y + 36} Z`} />
          <text x={8} y={AXIS_Y + 36} class="ka-text ka-probe-text">
            {`${probe.method} ${mark.mark}`}
          </text>
        </g>
      </svg>
      <p class="ka-window-text">{windowText}</p>
      <div class="ka-probe-controls">
        <div class="wm-field">
          <label for={gapId}>Send the next request after (seconds)</label>
          <input
            id={gapId}
            type="range"
            min={0}
            max={span}
            step={0.001}
            value={Math.min(probe.sentAt, span)}
            aria-valuetext={seconds(probe.sentAt)}
            onInput={(event) => {
              props.onProbeGap(Number(event.currentTarget.value));
            }}
          />
        </div>
        <div class="wm-field">
          <label for={methodId}>Method</label>
          <select
            id={methodId}
            value={probe.method}
            onChange={(event) => {
              props.onProbeMethod(event.currentTarget.value === 'GET' ? 'GET' : 'POST');
            }}
          >
            <option value="GET">GET</option>
            <option value="POST">POST</option>
          </select>
        </div>
        {line.closer === 'gunicorn' ? (
          <button
            type="button"
            onClick={() => {
              props.onProbeGap((line.windowFrom + line.windowTo) / 2);
            }}
          >
            Send it as Gunicorn closes
          </button>
        ) : null}
      </div>
      <p class="ka-probe-result" role="status" aria-live="polite">
        {`The ${probe.method} sent at ${seconds(probe.sentAt)} ${probeOutcomeText(probe.outcome)}.`}
      </p>
    </div>
  );
}
