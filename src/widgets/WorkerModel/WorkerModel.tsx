/**
 * The worker-model explorable (chapter 3): pick a story, move any setting, and see throughput,
 * latency, the backlog, CPU use, pool waits and failures of one simulated Gunicorn task, a
 * latency-vs-load chart comparing worker counts or worker classes, a replay of the first
 * seconds, and conclusions worded from the numbers. Every number comes from src/sim/workers;
 * the simulations run in a Web Worker (see use-model-runner.ts).
 */
import { useMemo } from 'preact/hooks';
import { WidgetFrame } from '../../components/WidgetFrame';
import { useUrlState } from '../../runtime/use-url-state';
import {
  SETTING_RANGES,
  WORKER_CLASSES,
  WORKER_PRESETS,
  clampSetting,
  describeRun,
  describeSweep,
  formatMs,
  formatNumber,
  isWorkerPresetName,
  validateWorkerSettings,
  type CompareBy,
  type NumericSetting,
  type WorkerClass,
  type WorkerPresetName,
  type WorkerSettings,
} from '../../sim/workers';
import { useModelRunner } from './use-model-runner';
import { useReducedMotion } from './use-reduced-motion';
import { WorkerModelLatencyChart } from './WorkerModelLatencyChart';
import { WorkerModelLiveView } from './WorkerModelLiveView';
import { WorkerModelNumber } from './WorkerModelNumber';
import { WorkerModelSlider } from './WorkerModelSlider';
import { WorkerModelTimeChart } from './WorkerModelTimeChart';
import './WorkerModel.css';

const GUNICORN_SETTINGS = 'https://gunicorn.org/reference/settings/';
const GUNICORN_DESIGN = 'https://gunicorn.org/design/';
const SQLALCHEMY_ENGINE =
  'https://docs.sqlalchemy.org/en/20/core/engines.html#sqlalchemy.create_engine.params.';

const STORIES: readonly { name: WorkerPresetName; label: string }[] = [
  { name: 'cpu-bound', label: 'CPU-bound API' },
  { name: 'io-heavy', label: 'IO-heavy API' },
  { name: 'slow-endpoint', label: 'Slow endpoint' },
];

const CLASS_LABELS: Readonly<Record<WorkerClass, string>> = {
  sync: 'sync — one request per process',
  gthread: 'gthread — threads share one GIL',
  gevent: 'gevent — cooperative greenlets',
};

const COMPARE_LABELS: Readonly<Record<CompareBy, string>> = {
  workers: '2, 4, 8 and 16 workers',
  workerClass: 'sync, gthread and gevent',
  none: 'only these settings',
};

export interface WorkerModelProps {
  id?: string;
  /** Which story the widget starts with: 'cpu-bound' (default), 'io-heavy' or 'slow-endpoint'. */
  preset?: string;
}

function sameSettings(a: WorkerSettings, b: WorkerSettings): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

const ms = (value: number): string => formatMs(value);
const count = (value: number): string => formatNumber(value);
const seconds = (value: number): string => `${formatNumber(value)} s`;

export function WorkerModel({ id = 'worker-model', preset }: WorkerModelProps) {
  const defaults = WORKER_PRESETS[isWorkerPresetName(preset) ? preset : 'cpu-bound'];
  const { state, setState, reset, notice, dismissNotice, shareUrl } = useUrlState(
    id,
    defaults,
    validateWorkerSettings,
  );
  const settings = state;
  const runner = useModelRunner(settings);
  const reducedMotion = useReducedMotion();
  const output = runner.output;

  const update = (name: NumericSetting, value: number): void => {
    setState((previous) => ({ ...previous, [name]: clampSetting(name, value) }));
  };
  const field = (name: NumericSetting) => ({
    id: `${id}-${name}`,
    value: settings[name],
    min: SETTING_RANGES[name].min,
    max: SETTING_RANGES[name].max,
    onChange: (value: number) => {
      update(name, value);
    },
  });
  const sliderField = (name: NumericSetting) => ({
    ...field(name),
    step: SETTING_RANGES[name].step,
  });

  const conclusions = useMemo(() => {
    if (output === null) return [];
    return [
      ...describeRun(output.settings, output.run),
      ...describeSweep(output.settings, output.sweep),
    ];
  }, [output]);

  const run = output?.run;
  const failedTotal =
    run === undefined
      ? 0
      : run.failed.refused + run.failed['worker-timeout'] + run.failed['pool-timeout'];
  const stale = output !== null && !sameSettings(output.settings, settings);
  const progress = runner.progress;
  const busy = progress !== null;

  return (
    <WidgetFrame
      id={id}
      title="Workers, cores and worker classes"
      notice={notice ?? runner.error}
      onDismissNotice={dismissNotice}
      onReset={reset}
      shareUrl={shareUrl}
      verdict={
        run === undefined
          ? 'Waiting for the first run…'
          : `Served ${formatNumber(run.throughputPerSecond)} req/s · p95 ${formatMs(run.latencyMs.p95)} · ${formatNumber(failedTotal)} failed${stale ? ' (updating…)' : ''}`
      }
      caption={
        <>
          A seeded discrete-event simulation of one Gunicorn task: Poisson or bursty arrivals, the
          listen backlog, worker processes sharing the cores (processor sharing, no context-switch
          cost), one GIL per process, a SQLAlchemy pool per worker and Gunicorn&apos;s{' '}
          <code>timeout</code>. When <code>timeout</code> fires is modelled from Gunicorn&apos;s
          worker loops (sync: a request longer than it; gevent: CPU work longer than it without
          yielding; gthread: not by slow requests) and was not measured here. Sources:{' '}
          <a href={`${GUNICORN_DESIGN}#worker-types`} rel="external noopener">
            Gunicorn design
          </a>
          ,{' '}
          <a href={GUNICORN_SETTINGS} rel="external noopener">
            Gunicorn settings
          </a>
          ,{' '}
          <a href="https://docs.sqlalchemy.org/en/20/core/pooling.html" rel="external noopener">
            SQLAlchemy pooling
          </a>
          .
        </>
      }
    >
      <div class="wm-stories" role="group" aria-label="Story">
        <span class="wm-stories-label" aria-hidden="true">
          Story:
        </span>
        {STORIES.map((story) => (
          <button
            key={story.name}
            type="button"
            aria-pressed={sameSettings(settings, WORKER_PRESETS[story.name])}
            onClick={() => {
              setState(WORKER_PRESETS[story.name]);
            }}
          >
            {story.label}
          </button>
        ))}
      </div>

      <div class="widget-layout widget-layout-view-first">
        <div class="widget-controls wm-controls">
          <fieldset class="wm-fieldset">
            <legend>Gunicorn</legend>
            <fieldset class="wm-radios">
              <legend>
                Worker class{' '}
                <a href={`${GUNICORN_DESIGN}#worker-types`} rel="external noopener">
                  (docs)
                </a>
              </legend>
              {WORKER_CLASSES.map((workerClass) => (
                <label key={workerClass}>
                  <input
                    type="radio"
                    name={`${id}-class`}
                    value={workerClass}
                    checked={settings.workerClass === workerClass}
                    onChange={() => {
                      setState((previous) => ({ ...previous, workerClass }));
                    }}
                  />{' '}
                  {CLASS_LABELS[workerClass]}
                </label>
              ))}
            </fieldset>
            <WorkerModelSlider
              {...sliderField('workers')}
              label="Workers (processes)"
              format={count}
              docHref={`${GUNICORN_SETTINGS}#workers`}
              docLabel="workers"
            />
            <WorkerModelSlider
              {...sliderField('cores')}
              label="CPU cores"
              format={count}
              hint="What the task may use (the container's CPU limit)."
            />
            <WorkerModelSlider
              {...sliderField('threads')}
              label="Threads per worker"
              format={count}
              disabled={settings.workerClass !== 'gthread'}
              hint="Used by gthread."
              docHref={`${GUNICORN_SETTINGS}#threads`}
              docLabel="threads"
            />
            <WorkerModelNumber
              {...field('workerConnections')}
              label="worker_connections"
              clamp={(value) => clampSetting('workerConnections', value)}
              hint="Greenlets per gevent worker."
              docHref={`${GUNICORN_SETTINGS}#worker_connections`}
              docLabel="worker_connections"
            />
            <WorkerModelSlider
              {...sliderField('timeoutSeconds')}
              label="timeout"
              format={(value) => (value === 0 ? 'off' : seconds(value))}
              docHref={`${GUNICORN_SETTINGS}#timeout`}
              docLabel="timeout"
            />
            <WorkerModelNumber
              {...field('backlog')}
              label="backlog"
              clamp={(value) => clampSetting('backlog', value)}
              hint="Connections that may wait to be accepted; more are refused."
              docHref={`${GUNICORN_SETTINGS}#backlog`}
              docLabel="backlog"
            />
          </fieldset>

          <fieldset class="wm-fieldset">
            <legend>Traffic</legend>
            <fieldset class="wm-radios">
              <legend>Arrivals</legend>
              {(['poisson', 'bursts'] as const).map((arrivalKind) => (
                <label key={arrivalKind}>
                  <input
                    type="radio"
                    name={`${id}-arrivals`}
                    value={arrivalKind}
                    checked={settings.arrivalKind === arrivalKind}
                    onChange={() => {
                      setState((previous) => ({ ...previous, arrivalKind }));
                    }}
                  />{' '}
                  {arrivalKind === 'poisson' ? 'Random (Poisson)' : 'In bursts'}
                </label>
              ))}
            </fieldset>
            <WorkerModelSlider
              {...sliderField('ratePerSecond')}
              label="Requests per second"
              format={count}
            />
            <WorkerModelSlider
              {...sliderField('burstSize')}
              label="Requests per burst"
              format={count}
              disabled={settings.arrivalKind !== 'bursts'}
            />
            <WorkerModelSlider {...sliderField('cpuMs')} label="CPU per request" format={ms} />
            <WorkerModelSlider
              {...sliderField('ioMs')}
              label="IO wait per request"
              format={ms}
              hint="Database or upstream API; both are random around these means."
            />
            <WorkerModelSlider
              {...sliderField('slowPercent')}
              label="Slow endpoint share"
              format={(value) => `${formatNumber(value)} %`}
            />
            <WorkerModelSlider
              {...sliderField('slowIoSeconds')}
              label="Slow endpoint IO wait"
              format={seconds}
              disabled={settings.slowPercent === 0}
            />
            <WorkerModelSlider
              {...sliderField('durationSeconds')}
              label="Simulated time"
              format={seconds}
            />
            <WorkerModelNumber
              {...field('seed')}
              label="Random seed"
              clamp={(value) => clampSetting('seed', value)}
            />
          </fieldset>

          <fieldset class="wm-fieldset">
            <legend>Database pool (per worker)</legend>
            <label class="wm-check">
              <input
                type="checkbox"
                checked={settings.usesDb}
                onChange={(event) => {
                  const usesDb = event.currentTarget.checked;
                  setState((previous) => ({ ...previous, usesDb }));
                }}
              />{' '}
              Requests hold a connection during their IO
            </label>
            <WorkerModelSlider
              {...sliderField('poolSize')}
              label="pool_size"
              format={(value) => (value === 0 ? 'no limit' : count(value))}
              disabled={!settings.usesDb}
              docHref={`${SQLALCHEMY_ENGINE}pool_size`}
              docLabel="pool_size"
            />
            <WorkerModelSlider
              {...sliderField('maxOverflow')}
              label="max_overflow"
              format={(value) => (value < 0 ? 'unlimited' : count(value))}
              disabled={!settings.usesDb}
              docHref={`${SQLALCHEMY_ENGINE}max_overflow`}
              docLabel="max_overflow"
            />
            <WorkerModelSlider
              {...sliderField('poolTimeoutSeconds')}
              label="pool_timeout"
              format={seconds}
              disabled={!settings.usesDb}
              docHref={`${SQLALCHEMY_ENGINE}pool_timeout`}
              docLabel="pool_timeout"
            />
          </fieldset>

          <div class="wm-field">
            <label for={`${id}-compare`}>Chart compares</label>
            <select
              id={`${id}-compare`}
              value={settings.compare}
              onChange={(event) => {
                const compare = event.currentTarget.value as CompareBy;
                setState((previous) => ({ ...previous, compare }));
              }}
            >
              {(Object.keys(COMPARE_LABELS) as CompareBy[]).map((option) => (
                <option key={option} value={option}>
                  {COMPARE_LABELS[option]}
                </option>
              ))}
            </select>
          </div>
        </div>

        <div class="widget-view wm-results">
          <p class="wm-status">
            {progress !== null
              ? `Simulating… ${formatNumber(Math.round((progress.done / Math.max(1, progress.total)) * 100))} %`
              : output === null
                ? 'Waiting to simulate…'
                : `Simulated ${formatNumber(output.run.arrivals)} requests${
                    runner.where === 'main thread'
                      ? ' (on the page: Web Workers are unavailable)'
                      : ''
                  }.`}
          </p>
          {output !== null ? (
            <>
              <h4 class="wm-subtitle">Latency as the load grows</h4>
              <WorkerModelLatencyChart
                idPrefix={id}
                sweep={output.sweep}
                chosenRatePerSecond={output.settings.ratePerSecond}
              />
            </>
          ) : null}
        </div>
      </div>

      <div class="widget-more">
        <div class="wm-conclusions" aria-live="polite" aria-busy={busy}>
          <h4>What this run shows</h4>
          {conclusions.length > 0 ? (
            <ul>
              {conclusions.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          ) : (
            <p>The conclusions appear when the first run finishes.</p>
          )}
        </div>
        {output !== null ? (
          <>
            <h4 class="wm-subtitle">This run in figures</h4>
            {run !== undefined ? (
              <dl class={stale ? 'wm-figures wm-stale' : 'wm-figures'}>
                <div>
                  <dt>Served</dt>
                  <dd>{formatNumber(run.throughputPerSecond)} req/s</dd>
                </div>
                <div>
                  <dt>p50 / p95 / p99</dt>
                  <dd>
                    {formatMs(run.latencyMs.p50)} / {formatMs(run.latencyMs.p95)} /{' '}
                    {formatMs(run.latencyMs.p99)}
                  </dd>
                </div>
                <div>
                  <dt>CPU use</dt>
                  <dd>{formatNumber(run.cpuUse * 100)} %</dd>
                </div>
                <div>
                  <dt>Peak backlog</dt>
                  <dd>{formatNumber(run.maxQueued)}</dd>
                </div>
                <div class="wm-figure-wide">
                  <dt>Failed</dt>
                  <dd>
                    {formatNumber(failedTotal)} (refused {formatNumber(run.failed.refused)}, worker
                    timeout {formatNumber(run.failed['worker-timeout'])}, pool timeout{' '}
                    {formatNumber(run.failed['pool-timeout'])})
                  </dd>
                </div>
                <div>
                  <dt>Waited for a DB connection</dt>
                  <dd>{formatNumber(run.pool.waits)}</dd>
                </div>
              </dl>
            ) : null}
            <h4 class="wm-subtitle">The whole run over time</h4>
            <WorkerModelTimeChart idPrefix={id} series={output.run.series} />
            <h4 class="wm-subtitle">Replay of the first seconds</h4>
            <WorkerModelLiveView
              idPrefix={id}
              live={output.live}
              settings={output.settings}
              reducedMotion={reducedMotion}
            />
          </>
        ) : null}
      </div>
    </WidgetFrame>
  );
}

export default WorkerModel;
