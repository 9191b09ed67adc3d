/**
 * The SIGTERM drain timeline (chapter 6): pick a platform preset, edit any setting, scrub the
 * time cursor, read the verdict, and "Fix it" to apply the advised ordering of limits.
 *
 * Thin by design: state is { scenario, cursor, preset } in the URL; every number comes from
 * simulateShutdown / adviseShutdown / describeStateAt in src/sim/shutdown.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { WidgetFrame } from '../../components/WidgetFrame';
import { useUrlState } from '../../runtime/use-url-state';
import { adviseShutdown } from '../../sim/shutdown/advice';
import {
  SHUTDOWN_PRESET_IDS,
  SHUTDOWN_PRESET_LABELS,
  clampNumber,
  isShutdownPresetId,
  scenarioForPreset,
  validateShutdownScenario,
  type ShutdownPresetId,
} from '../../sim/shutdown/presets';
import type { ShutdownScenario } from '../../sim/shutdown/scenario';
import { OUTCOMES, simulateShutdown } from '../../sim/shutdown/shutdown';
import { describeStateAt } from '../../sim/shutdown/state-at';
import { findTrafficThatShows, tellShutdownStory } from '../../sim/shutdown/story';
import {
  SHUTDOWN_GOAL,
  checkShutdownGoal,
  shutdownGoalStart,
} from '../../sim/training/widget-goals';
import { WidgetGoal } from '../WidgetGoal/WidgetGoal';
import { OUTCOME_STYLES } from './outcome-style';
import { ShutdownSettings, type ChoiceCommit, type NumberCommit } from './ShutdownSettings';
import {
  MAX_BARS,
  ShutdownTimelineChart,
  fillFor,
  formatSeconds,
  laneName,
} from './ShutdownTimelineChart';
import './ShutdownTimeline.css';

export interface ShutdownTimelineProps {
  /** Instance id: the figure's id and the URL parameter of its state. */
  id?: string;
  /** One of SHUTDOWN_PRESET_IDS for the initial (and Reset) state. */
  preset?: string;
}

export interface TimelineState {
  preset: ShutdownPresetId | null;
  scenario: ShutdownScenario;
  /** The time cursor, seconds from the start of the run; null = just after the stop command. */
  cursorSeconds: number | null;
}

export function validateTimelineState(raw: unknown): TimelineState | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const record = raw as Record<string, unknown>;
  const scenario = validateShutdownScenario(record.scenario);
  if (!scenario) return null;
  return {
    preset: isShutdownPresetId(record.preset) ? record.preset : null,
    scenario,
    cursorSeconds:
      record.cursorSeconds === null ? null : clampNumber(record.cursorSeconds, [0, 10_000], 0),
  };
}

const PLAY_DURATION_MS = 10_000;

function prefersReducedMotion(): boolean {
  return (
    typeof window !== 'undefined' &&
    typeof window.matchMedia === 'function' &&
    window.matchMedia('(prefers-reduced-motion: reduce)').matches
  );
}

export function ShutdownTimeline(props: ShutdownTimelineProps) {
  const presetId: ShutdownPresetId = isShutdownPresetId(props.preset)
    ? props.preset
    : 'ecs-defaults';
  const id = props.id ?? `shutdown-timeline-${presetId}`;
  const defaults = useMemo<TimelineState>(
    () => ({ preset: presetId, scenario: scenarioForPreset(presetId), cursorSeconds: null }),
    [presetId],
  );
  const url = useUrlState<TimelineState>(id, defaults, validateTimelineState);
  const { state, setState } = url;
  const [clampNotice, setClampNotice] = useState<string | null>(null);
  const [playing, setPlaying] = useState(false);
  const [reducedMotion, setReducedMotion] = useState(false);

  const result = useMemo(() => simulateShutdown(state.scenario), [state.scenario]);
  const advice = useMemo(() => adviseShutdown(state.scenario), [state.scenario]);
  const story = useMemo(() => tellShutdownStory(result, advice), [result, advice]);
  const goalStatus = useMemo(() => checkShutdownGoal(state.scenario), [state.scenario]);
  const offer = useMemo(() => findTrafficThatShows(state.scenario, story), [state.scenario, story]);
  const [zoom, setZoom] = useState<'stop' | 'all'>('stop');
  // "Around the stop": from 10 s before the stop command until everything here has ended.
  const lastLocalEndMs = useMemo(
    () =>
      result.requests.reduce(
        (max, r) => (r.outcome === 'not-routed' ? max : Math.max(max, r.endAtMs)),
        result.times.containerExitAtMs ?? 0,
      ),
    [result],
  );
  const [zoomFactor, setZoomFactor] = useState(1);
  const baseStartMs = zoom === 'all' ? 0 : Math.max(0, result.times.stopCommandAtMs - 10_000);
  const baseEndMs = Math.max(
    baseStartMs + 1000,
    zoom === 'all'
      ? result.horizonMs
      : Math.min(result.horizonMs, Math.max(lastLocalEndMs, result.times.stopCommandAtMs) + 5000),
  );
  // Zoom in around the cursor (buttons and the + / − keys), never past the base view.
  const baseSpanMs = baseEndMs - baseStartMs;
  const zoomedSpanMs = Math.max(500, baseSpanMs / zoomFactor);
  const anchorMs =
    state.cursorSeconds === null ? result.times.stopCommandAtMs + 1000 : state.cursorSeconds * 1000;
  const viewStartMs = Math.min(
    Math.max(baseStartMs, anchorMs - zoomedSpanMs / 2),
    baseEndMs - zoomedSpanMs,
  );
  const viewEndMs = viewStartMs + zoomedSpanMs;
  const zoomBy = (factor: number) => {
    setZoomFactor((z) => Math.min(64, Math.max(1, z * factor)));
  };
  const cursorMs = Math.min(
    viewEndMs,
    Math.max(
      viewStartMs,
      state.cursorSeconds === null
        ? result.times.stopCommandAtMs + 1000
        : state.cursorSeconds * 1000,
    ),
  );
  const at = useMemo(() => describeStateAt(result, cursorMs), [result, cursorMs]);

  useEffect(() => {
    setReducedMotion(prefersReducedMotion());
  }, []);

  // Play: move the cursor across the view in ten seconds (never with reduced motion).
  const frame = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (!playing || reducedMotion) return;
    const startedAt = performance.now();
    const fromMs = cursorMs >= viewEndMs ? viewStartMs : cursorMs;
    const tick = (now: number) => {
      const t = fromMs + ((now - startedAt) / PLAY_DURATION_MS) * (viewEndMs - viewStartMs);
      if (t >= viewEndMs) {
        setState((s) => ({ ...s, cursorSeconds: viewEndMs / 1000 }));
        setPlaying(false);
        return;
      }
      setState((s) => ({ ...s, cursorSeconds: Math.round(t / 100) / 10 }));
      frame.current = requestAnimationFrame(tick);
    };
    frame.current = requestAnimationFrame(tick);
    return () => {
      if (frame.current !== undefined) cancelAnimationFrame(frame.current);
    };
    // Restart only when play is toggled or the run changes, not on every cursor move.
  }, [playing, reducedMotion, result]);

  const changeScenario = (mutate: (s: ShutdownScenario) => void): ShutdownScenario => {
    const draft = structuredClone(state.scenario);
    mutate(draft);
    const next = validateShutdownScenario(draft) ?? state.scenario;
    setState((s) => ({ ...s, preset: null, scenario: next }));
    return next;
  };
  const onNumber: NumberCommit = (label, get, set, value) => {
    const next = changeScenario((s) => {
      set(s, value);
    });
    const used = get(next);
    setClampNotice(
      used === value
        ? null
        : `${label}: ${value} is outside what the simulator accepts; using ${used}.`,
    );
  };
  const onChoice: ChoiceCommit = (set) => {
    setClampNotice(null);
    changeScenario(set);
  };

  const fixes = advice.rules.filter((r) => r.status === 'fix');
  const uid = `${id}-chart`;
  const drawnCount = result.requests.filter((r) => r.outcome !== 'not-routed').length;
  const stopRelative = (ms: number) => {
    const d = ms - result.times.stopCommandAtMs;
    return d >= 0
      ? `${formatSeconds(d)} after the stop command`
      : `${formatSeconds(-d)} before the stop command`;
  };
  const failedNow =
    at.finished.reset +
    at.finished.killed +
    at.finished['error-500'] +
    at.finished.refused +
    at.finished['lb-502'];

  return (
    <WidgetFrame
      id={id}
      title="SIGTERM drain timeline"
      notice={url.notice ?? clampNotice}
      onDismissNotice={() => {
        url.dismissNotice();
        setClampNotice(null);
      }}
      onReset={() => {
        setPlaying(false);
        setClampNotice(null);
        url.reset();
      }}
      shareUrl={url.shareUrl}
      verdict={
        <span class="sdt-verdict" data-failed={result.summary.failed} data-tone={story.tone}>
          <span class="sdt-tone">
            {story.tone === 'clean' ? 'Clean:' : story.tone === 'latent' ? 'Lucky:' : 'Failing:'}
          </span>{' '}
          {story.headline}
        </span>
      }
      caption={
        <>
          One old container being stopped, request by request. Lanes: the orchestrator, the load
          balancer, the Gunicorn master and each worker; the last lane holds connections no worker
          accepted. Modelled from Gunicorn’s arbiter and worker source, the ECS, ALB, Kubernetes and
          Docker documentation, and checked against a real Gunicorn 20.1 (sync and gthread workers,
          shell and exec form as PID 1). Gunicorn 23/24+ gthread and gevent come from reading their
          source, not from a run; items marked UNVERIFIED are not documented anywhere we could find.
        </>
      }
    >
      <div class="sdt">
        <div class="widget-layout widget-layout-view-first sdt-layout">
          <div class="widget-controls">
            <div class="sdt-top">
              <div class="sdt-field">
                <label for={`${id}-preset`}>Preset</label>
                <select
                  id={`${id}-preset`}
                  value={state.preset ?? ''}
                  onChange={(e) => {
                    const value = e.currentTarget.value;
                    if (!isShutdownPresetId(value)) return;
                    setPlaying(false);
                    setClampNotice(null);
                    setState({
                      preset: value,
                      scenario: scenarioForPreset(value),
                      cursorSeconds: null,
                    });
                  }}
                >
                  {state.preset === null ? <option value="">Custom (edited)</option> : null}
                  {SHUTDOWN_PRESET_IDS.map((p) => (
                    <option key={p} value={p}>
                      {SHUTDOWN_PRESET_LABELS[p]}
                    </option>
                  ))}
                </select>
              </div>
              <button
                type="button"
                class="sdt-fix"
                disabled={fixes.length === 0}
                onClick={() => {
                  setClampNotice(null);
                  setState((s) => ({
                    ...s,
                    preset: null,
                    scenario: advice.recommended,
                    cursorSeconds: null,
                  }));
                }}
              >
                {fixes.length === 0 ? 'Nothing to fix' : 'Fix it: apply the recommended settings'}
              </button>
            </div>

            <WidgetGoal
              goal={SHUTDOWN_GOAL}
              status={goalStatus}
              onStart={() => {
                setPlaying(false);
                setClampNotice(null);
                setState({ preset: null, scenario: shutdownGoalStart(), cursorSeconds: null });
              }}
            />
            {offer ? (
              <p class="sdt-offer">
                This run is clean only by luck.{' '}
                <button
                  type="button"
                  onClick={() => {
                    setClampNotice(null);
                    setState((s) => ({
                      ...s,
                      preset: null,
                      scenario: offer.scenario,
                      cursorSeconds: null,
                    }));
                  }}
                >
                  Show the failure: {offer.label}
                </button>
              </p>
            ) : story.tone === 'latent' ? (
              <p class="sdt-offer">
                This run is clean only by luck, and more long requests would not show it here: the
                limit still marked Fix is never reached before another one ends the requests.
              </p>
            ) : null}

            <details class="sdt-settings-wrap" open>
              <summary>Settings</summary>
              <ShutdownSettings
                uid={id}
                scenario={state.scenario}
                onNumber={onNumber}
                onChoice={onChoice}
              />
            </details>
          </div>
          <div class="widget-view sdt-view">
            <ul class="sdt-legend" aria-label="Outcomes">
              {OUTCOMES.map((o) => (
                <li key={o}>
                  <svg width="22" height="12" aria-hidden="true">
                    <rect
                      width="22"
                      height="12"
                      fill={fillFor(uid, o)}
                      stroke="var(--fg)"
                      stroke-width="0.5"
                    />
                  </svg>{' '}
                  {OUTCOME_STYLES[o].name}:{' '}
                  <strong>{result.summary.byOutcome[o].toLocaleString('en-US')}</strong>
                </li>
              ))}
            </ul>

            <div class="sdt-chart-wrap">
              <ShutdownTimelineChart
                uid={uid}
                result={result}
                viewStartMs={viewStartMs}
                viewEndMs={viewEndMs}
                cursorMs={cursorMs}
              />
            </div>
            <div class="sdt-zoom-row">
              <div class="sdt-field sdt-zoom">
                <label for={`${id}-zoom`}>Show</label>
                <select
                  id={`${id}-zoom`}
                  value={zoom}
                  onChange={(e) => {
                    setZoom(e.currentTarget.value === 'all' ? 'all' : 'stop');
                    setZoomFactor(1);
                  }}
                >
                  <option value="stop">Around the stop</option>
                  <option value="all">The whole run</option>
                </select>
              </div>
              <div class="sdt-zoom-buttons" role="group" aria-label="Zoom the timeline">
                <button
                  type="button"
                  aria-keyshortcuts="+"
                  disabled={zoomFactor >= 64}
                  onClick={() => {
                    zoomBy(2);
                  }}
                >
                  Zoom in (+)
                </button>
                <button
                  type="button"
                  aria-keyshortcuts="-"
                  disabled={zoomFactor <= 1}
                  onClick={() => {
                    zoomBy(0.5);
                  }}
                >
                  Zoom out (−)
                </button>
                <span class="sdt-small">
                  ×{zoomFactor}, centred on the time cursor; + and − work while the cursor has
                  focus.
                </span>
              </div>
            </div>
            <p class="sdt-small">
              Showing {formatSeconds(viewStartMs)} to {formatSeconds(viewEndMs)}.{' '}
              {drawnCount > MAX_BARS
                ? `${MAX_BARS.toLocaleString('en-US')} of ${drawnCount.toLocaleString('en-US')} bars drawn (every failure included). `
                : ''}
              Requests not routed here are counted, not drawn.
            </p>

            <div class="sdt-cursor-row">
              <label for={`${id}-cursor`}>Time cursor</label>
              <input
                id={`${id}-cursor`}
                type="range"
                min={viewStartMs / 1000}
                max={viewEndMs / 1000}
                step={0.1}
                value={cursorMs / 1000}
                aria-valuetext={`${formatSeconds(cursorMs)}, ${stopRelative(cursorMs)}`}
                aria-keyshortcuts="+ -"
                onKeyDown={(e) => {
                  if (e.key === '+' || e.key === '=') zoomBy(2);
                  else if (e.key === '-' || e.key === '_') zoomBy(0.5);
                }}
                onInput={(e) => {
                  setPlaying(false);
                  const v = Number.parseFloat(e.currentTarget.value);
                  if (Number.isFinite(v)) setState((s) => ({ ...s, cursorSeconds: v }));
                }}
              />
              <output for={`${id}-cursor`}>
                {formatSeconds(cursorMs)} ({stopRelative(cursorMs)})
              </output>
              {reducedMotion ? (
                <span class="sdt-small">Reduced motion: move the cursor yourself.</span>
              ) : (
                <button
                  type="button"
                  aria-pressed={playing}
                  onClick={() => {
                    setPlaying((p) => !p);
                  }}
                >
                  {playing ? 'Pause' : 'Play'}
                </button>
              )}
            </div>
          </div>
        </div>
        <div class="widget-more sdt-more">
          <section class="sdt-state" aria-label="State at the cursor">
            <h4>At {formatSeconds(cursorMs)}</h4>
            <dl>
              {at.lanes.map((l) => (
                <div key={l.lane}>
                  <dt>{laneName(l.lane)}</dt>
                  <dd>{l.state}</dd>
                </div>
              ))}
            </dl>
            <p>
              Running {at.running}, waiting {at.waiting}, completed {at.finished.completed}, failed{' '}
              {failedNow}, sent elsewhere {at.finished['not-routed']}.
            </p>
          </section>

          <section class="sdt-advice" aria-label="Settings that drain cleanly">
            <h4>What drains cleanly here</h4>
            <p>
              Order the limits: <strong>{advice.ordering}</strong>
            </p>
            <ul>
              {story.checks.map(({ rule: r, inRun, failedInRun }) => (
                <li key={r.id} data-status={r.status} data-failed-in-run={failedInRun}>
                  <span class={`sdt-status sdt-status-${r.status}`}>
                    {r.status === 'ok' ? 'OK' : r.status === 'fix' ? 'Fix' : 'Note'}
                  </span>{' '}
                  {r.text}
                  {r.unverified ? <strong> (UNVERIFIED)</strong> : null}{' '}
                  <a href={r.docUrl} rel="noopener noreferrer" target="_blank">
                    docs
                  </a>
                  {inRun ? <span class="sdt-inrun"> {inRun}</span> : null}
                </li>
              ))}
            </ul>
          </section>

          <details class="sdt-events">
            <summary>Event log ({result.events.length} events)</summary>
            <ol>
              {result.events.map((e, i) => (
                <li key={i}>
                  <strong>{formatSeconds(e.atMs)}</strong> · {laneName(e.lane)}: {e.label}
                </li>
              ))}
            </ol>
          </details>
        </div>
      </div>
    </WidgetFrame>
  );
}

export default ShutdownTimeline;
