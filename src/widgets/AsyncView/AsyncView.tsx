/**
 * What an `async def` Flask view does and does not buy (chapter 7): the same requests through
 * sync Gunicorn workers with the view awaiting three API calls one by one, and with
 * asyncio.gather, plus a job started with asyncio.create_task. Every number comes from
 * src/sim/workers/simulate-async-view.ts; the rules are from Flask's "Using async and await".
 */
import { useMemo } from 'preact/hooks';
import { WidgetFrame } from '../../components/WidgetFrame';
import { useUrlState } from '../../runtime/use-url-state';
// Direct module imports keep the worker-model simulation out of this island's bundle.
import {
  ASYNC_VIEW_DEFAULTS,
  ASYNC_VIEW_RANGES,
  compareAsyncView,
  describeAsyncView,
  validateAsyncViewSettings,
  type AsyncViewSettings,
} from '../../sim/workers/async-view-settings';
import { formatMs, formatNumber } from '../../sim/workers/describe-run';
import { AsyncViewTimeline } from './AsyncViewTimeline';
import { WorkerModelSlider } from '../WorkerModel/WorkerModelSlider';
import './AsyncView.css';

const FLASK_ASYNC_DOCS = 'https://flask.palletsprojects.com/en/stable/async-await/';

type SettingName = keyof AsyncViewSettings;

const FIELDS: readonly { name: SettingName; label: string; unit: 'ms' | 'count' }[] = [
  { name: 'workers', label: 'Sync workers', unit: 'count' },
  { name: 'requests', label: 'Requests arriving', unit: 'count' },
  { name: 'arrivalGapMs', label: 'Time between arrivals', unit: 'ms' },
  { name: 'cpuMs', label: "View's own CPU work", unit: 'ms' },
  { name: 'api1Ms', label: 'API call 1', unit: 'ms' },
  { name: 'api2Ms', label: 'API call 2', unit: 'ms' },
  { name: 'api3Ms', label: 'API call 3', unit: 'ms' },
  { name: 'backgroundTaskMs', label: 'create_task job', unit: 'ms' },
];

export interface AsyncViewProps {
  id?: string;
  /** Accepted for symmetry with other widgets; this widget has one starting scenario. */
  preset?: string;
}

export function AsyncView({ id = 'async-view' }: AsyncViewProps) {
  const { state, setState, reset, notice, dismissNotice, shareUrl } = useUrlState(
    id,
    ASYNC_VIEW_DEFAULTS,
    validateAsyncViewSettings,
  );
  const runs = useMemo(() => compareAsyncView(state), [state]);
  const conclusions = useMemo(() => describeAsyncView(state, runs), [state, runs]);
  const scaleMs = Math.max(
    1,
    runs.sequential.makespanMs,
    ...[...runs.sequential.requests, ...runs.gather.requests].map(
      (req) => req.task?.plannedEndMs ?? 0,
    ),
  );

  return (
    <WidgetFrame
      id={id}
      title="What an async view changes, and what it does not"
      notice={notice}
      onDismissNotice={dismissNotice}
      onReset={reset}
      shareUrl={shareUrl}
      verdict={conclusions[0]}
      caption={
        <>
          Under a WSGI server such as Gunicorn, Flask runs an <code>async def</code> view in an
          event loop for that one request: &ldquo;Each request still ties up one worker, even for
          async views&rdquo;, and tasks still running when the view returns are cancelled. Source:{' '}
          <a href={FLASK_ASYNC_DOCS} rel="external noopener">
            Flask: Using async and await
          </a>
          .
        </>
      }
    >
      <div class="widget-layout widget-layout-view-first">
        <div class="widget-controls av-controls">
          {FIELDS.map((fieldInfo) => {
            const range = ASYNC_VIEW_RANGES[fieldInfo.name];
            return (
              <WorkerModelSlider
                key={fieldInfo.name}
                id={`${id}-${fieldInfo.name}`}
                label={fieldInfo.label}
                value={state[fieldInfo.name]}
                min={range.min}
                max={range.max}
                step={range.step}
                format={(value) =>
                  fieldInfo.unit === 'ms'
                    ? fieldInfo.name === 'backgroundTaskMs' && value === 0
                      ? 'none'
                      : formatMs(value)
                    : formatNumber(value)
                }
                onChange={(value) => {
                  setState((previous) => {
                    const next = validateAsyncViewSettings({
                      ...previous,
                      [fieldInfo.name]: value,
                    });
                    return next ?? previous;
                  });
                }}
              />
            );
          })}
        </div>
        <div class="widget-view av-results">
          <p class="av-legend">
            <span class="av-key av-key-held" aria-hidden="true" /> worker held ·{' '}
            <span class="av-key av-key-api" aria-hidden="true" /> awaiting an API ·{' '}
            <span class="av-key av-key-wait" aria-hidden="true" /> waiting for a worker (dashed) ·{' '}
            <span class="av-key av-key-task" aria-hidden="true" /> create_task job, hatched where
            cancelled
          </p>
          <AsyncViewTimeline
            idPrefix={id}
            title="await one call after another"
            result={runs.sequential}
            scaleMs={scaleMs}
          />
          <AsyncViewTimeline
            idPrefix={id}
            title="await asyncio.gather(call1, call2, call3)"
            result={runs.gather}
            scaleMs={scaleMs}
          />
        </div>
      </div>
      <div class="widget-more">
        {conclusions.length > 1 ? (
          <div class="av-conclusions" aria-live="polite">
            <h4>What else this shows</h4>
            <ul>
              {conclusions.slice(1).map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
    </WidgetFrame>
  );
}

export default AsyncView;
