/**
 * The keep-alive 502 (chapter 3): a load balancer reuses an idle connection that Gunicorn is
 * closing. Opens on the failure (gthread, keepalive 2 s, ALB 60 s), estimates the 502s an
 * hour, draws one connection's timeline and shows the fix. Every number comes from
 * src/sim/keepalive (viewKeepAlive); the scenario lives in the URL.
 */
import { useMemo } from 'preact/hooks';
import { WidgetFrame } from '../../components/WidgetFrame';
import { useUrlState } from '../../runtime/use-url-state';
import {
  KEEPALIVE_LIMITS,
  createDefaultKeepAliveScenario,
  formatPerHour,
  validateKeepAliveScenario,
  viewKeepAlive,
  type KeepAliveScenario,
} from '../../sim/keepalive/widget-state';
import { WorkerModelNumber } from '../WorkerModel/WorkerModelNumber';
import { WorkerModelSlider } from '../WorkerModel/WorkerModelSlider';
import { KeepAliveTimeline } from './KeepAliveTimeline';
import './KeepAlive.css';

export interface KeepAliveProps {
  id?: string;
  /** 'nginx' starts behind nginx with its default proxy_next_upstream. */
  preset?: string;
}

const DOCS = {
  keepalive: 'https://gunicorn.org/reference/settings/#keepalive',
  alb: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/edit-load-balancer-attributes.html#connection-idle-timeout',
  nginx: 'https://nginx.org/en/docs/http/ngx_http_upstream_module.html#keepalive_timeout',
  nextUpstream: 'https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_next_upstream',
};

const clampTo = (range: readonly [number, number]) => (v: number) =>
  Math.round(Math.min(range[1], Math.max(range[0], v)));

export function KeepAlive(props: KeepAliveProps) {
  const id = props.id ?? 'keep-alive';
  const defaults = useMemo<KeepAliveScenario>(() => {
    const d = createDefaultKeepAliveScenario();
    return props.preset === 'nginx' ? { ...d, proxy: 'nginx', retry: 'idempotent' } : d;
  }, [props.preset]);
  const url = useUrlState<KeepAliveScenario>(id, defaults, validateKeepAliveScenario);
  const { state, setState } = url;
  const view = useMemo(() => viewKeepAlive(state), [state]);
  const set = (patch: Partial<KeepAliveScenario>) => {
    setState((previous) => validateKeepAliveScenario({ ...previous, ...patch }) ?? previous);
  };
  const proxyName = state.proxy === 'alb' ? 'the ALB' : 'nginx';
  const line = view.timeline;
  const lastEvent = Math.max(line.idleEndsAt, line.windowTo);
  const span = Math.max(5, Math.ceil(lastEvent + 2));
  const L = KEEPALIVE_LIMITS;
  const e = view.estimate;

  return (
    <WidgetFrame
      id={id}
      title="The keep-alive 502"
      verdict={view.verdict}
      notice={url.notice}
      onDismissNotice={url.dismissNotice}
      onReset={url.reset}
      shareUrl={url.shareUrl}
      caption={
        <>
          Requests reach one Gunicorn worker through {proxyName}, spread over its kept connections.
          The estimate draws seeded Poisson traffic for an hour and follows Gunicorn&apos;s real
          close logic (gthread&apos;s one-second loop, gevent&apos;s timer); the model was checked
          request by request against nginx 1.22 and Gunicorn 20.1. How an ALB picks a connection is
          not documented: an even spread is assumed.
        </>
      }
    >
      <div class="widget-layout ka">
        <div class="widget-controls ka-settings">
          <fieldset class="ka-group">
            <legend>Gunicorn</legend>
            <div class="wm-field">
              <label for={`${id}-worker`}>Worker class</label>
              <select
                id={`${id}-worker`}
                value={state.worker}
                onChange={(event) => {
                  set({ worker: event.currentTarget.value as KeepAliveScenario['worker'] });
                }}
              >
                <option value="gthread">gthread</option>
                <option value="gevent">gevent</option>
                <option value="sync">sync (one thread)</option>
              </select>
            </div>
            <div class="wm-field">
              <label for={`${id}-gunicorn`}>Gunicorn version</label>
              <select
                id={`${id}-gunicorn`}
                value={state.gunicorn}
                disabled={state.worker !== 'gthread'}
                onChange={(event) => {
                  set({ gunicorn: event.currentTarget.value as KeepAliveScenario['gunicorn'] });
                }}
              >
                <option value="20.1-23">20.1 to 23</option>
                <option value="24+">24 or later</option>
              </select>
            </div>
            <WorkerModelNumber
              id={`${id}-keepalive`}
              label="keepalive (seconds)"
              value={state.keepaliveSeconds}
              min={L.keepaliveSeconds[0]}
              max={L.keepaliveSeconds[1]}
              clamp={clampTo(L.keepaliveSeconds)}
              onChange={(v) => {
                set({ keepaliveSeconds: v });
              }}
              hint="Default 2. The sync worker ignores it."
              docHref={DOCS.keepalive}
              docLabel="Gunicorn: keepalive"
            />
          </fieldset>
          <fieldset class="ka-group">
            <legend>Proxy</legend>
            <div class="wm-field">
              <label for={`${id}-proxy`}>In front of Gunicorn</label>
              <select
                id={`${id}-proxy`}
                value={state.proxy}
                onChange={(event) => {
                  const proxy = event.currentTarget.value === 'nginx' ? 'nginx' : 'alb';
                  set({ proxy, retry: proxy === 'nginx' ? 'idempotent' : 'never' });
                }}
              >
                <option value="alb">AWS ALB</option>
                <option value="nginx">nginx with upstream keepalive</option>
              </select>
            </div>
            <WorkerModelNumber
              id={`${id}-idle`}
              label={
                state.proxy === 'alb'
                  ? 'ALB idle timeout (seconds)'
                  : 'nginx upstream keepalive_timeout (seconds)'
              }
              value={state.idleTimeoutSeconds}
              min={L.idleTimeoutSeconds[0]}
              max={L.idleTimeoutSeconds[1]}
              clamp={clampTo(L.idleTimeoutSeconds)}
              onChange={(v) => {
                set({ idleTimeoutSeconds: v });
              }}
              hint="Default 60."
              docHref={state.proxy === 'alb' ? DOCS.alb : DOCS.nginx}
              docLabel={
                state.proxy === 'alb' ? 'AWS: connection idle timeout' : 'nginx: keepalive_timeout'
              }
            />
            <div class="wm-field">
              <label for={`${id}-retry`}>Retry of a failed request</label>
              <select
                id={`${id}-retry`}
                value={state.retry}
                disabled={state.proxy === 'alb'}
                aria-describedby={`${id}-retry-hint`}
                onChange={(event) => {
                  set({ retry: event.currentTarget.value as KeepAliveScenario['retry'] });
                }}
              >
                <option value="never">none (ALB; proxy_next_upstream off)</option>
                <option value="idempotent">not POST/PATCH (error timeout, the default)</option>
                <option value="all">all (error timeout non_idempotent)</option>
              </select>
              <p class="wm-hint" id={`${id}-retry-hint`}>
                {state.proxy === 'alb'
                  ? 'An ALB answers 502 and does not resend. '
                  : 'nginx resends on another connection, even with one server. '}
                <a
                  href={state.proxy === 'alb' ? DOCS.alb : DOCS.nextUpstream}
                  rel="external noopener"
                >
                  {state.proxy === 'alb'
                    ? 'AWS: idle timeout and 502'
                    : 'nginx: proxy_next_upstream'}
                </a>
              </p>
            </div>
          </fieldset>
          <fieldset class="ka-group">
            <legend>Traffic</legend>
            <WorkerModelSlider
              id={`${id}-rate`}
              label="Requests per second to this worker"
              value={state.requestsPerSecond}
              min={L.requestsPerSecond[0]}
              max={50}
              step={0.1}
              format={(v) => `${v} /s`}
              onChange={(v) => {
                set({ requestsPerSecond: v });
              }}
            />
            <WorkerModelNumber
              id={`${id}-connections`}
              label="Kept connections they are spread over"
              value={state.connections}
              min={L.connections[0]}
              max={L.connections[1]}
              clamp={clampTo(L.connections)}
              onChange={(v) => {
                set({ connections: v });
              }}
            />
            <WorkerModelSlider
              id={`${id}-post`}
              label="Share of POST/PATCH requests"
              value={state.postPercent}
              min={0}
              max={100}
              step={1}
              format={(v) => `${v} %`}
              onChange={(v) => {
                set({ postPercent: v });
              }}
            />
            <WorkerModelSlider
              id={`${id}-rtt`}
              label="Round trip proxy ↔ Gunicorn"
              value={state.roundTripMs}
              min={L.roundTripMs[0]}
              max={10}
              step={0.1}
              format={(v) => `${v} ms`}
              onChange={(v) => {
                set({ roundTripMs: v });
              }}
              hint="The race window is one round trip wide."
            />
          </fieldset>
        </div>

        <div class="widget-view ka-view">
          <dl class="ka-figures" aria-live="polite">
            <div>
              <dt>Requests an hour</dt>
              <dd>{Math.round(e.requestsPerHour).toLocaleString('en')}</dd>
            </div>
            <div>
              <dt>Idle connections Gunicorn closes first</dt>
              <dd>{formatPerHour(e.gunicornClosesPerHour)}</dd>
            </div>
            <div>
              <dt>Requests that meet a closing connection</dt>
              <dd>{formatPerHour(e.staleHitsPerHour)}</dd>
            </div>
            <div>
              <dt>502s the client sees</dt>
              <dd class={view.failing ? 'ka-bad' : 'ka-ok'}>
                {view.failing ? '✗ ' : '✓ '}
                {formatPerHour(e.badGatewaysPerHour)}
              </dd>
            </div>
          </dl>

          <KeepAliveTimeline
            id={id}
            timeline={line}
            probe={view.probe}
            proxyName={state.proxy === 'alb' ? 'The ALB' : 'nginx'}
            maxGapSeconds={span}
            onProbeGap={(v) => {
              set({ probeGapSeconds: Math.round(v * 10000) / 10000 });
            }}
            onProbeMethod={(probeMethod) => {
              set({ probeMethod });
            }}
          />

          <div class="ka-fix">
            <p>
              <strong>The fix:</strong> let the proxy close idle connections first. Raise
              Gunicorn&apos;s <code>keepalive</code> above {proxyName}&apos;s idle timeout
              {state.proxy === 'nginx'
                ? ", or lower nginx's upstream keepalive_timeout below Gunicorn's keepalive"
                : ''}
              .
            </p>
            <div class="ka-fix-buttons">
              <button
                type="button"
                onClick={() => {
                  set({ keepaliveSeconds: state.idleTimeoutSeconds + 15 });
                }}
              >
                Set keepalive to {state.idleTimeoutSeconds + 15} s
              </button>
              {state.proxy === 'nginx' && state.keepaliveSeconds > 1 ? (
                <button
                  type="button"
                  onClick={() => {
                    set({ idleTimeoutSeconds: state.keepaliveSeconds - 1 });
                  }}
                >
                  Set keepalive_timeout to {state.keepaliveSeconds - 1} s
                </button>
              ) : null}
            </div>
          </div>
        </div>
      </div>
    </WidgetFrame>
  );
}

export default KeepAlive;
