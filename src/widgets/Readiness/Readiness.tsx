/**
 * Readiness vs liveness during a database outage (chapter 6): the same probe settings run
 * twice, once with the DB check in the liveness probe and once in the readiness probe, so the
 * restart loop and the quiet recovery sit side by side. Every number comes from
 * simulateReadiness in src/sim/shutdown/readiness.ts; the settings live in the URL.
 */
import { useMemo, useState } from 'preact/hooks';
import { WidgetFrame } from '../../components/WidgetFrame';
import { useUrlState } from '../../runtime/use-url-state';
import {
  READINESS_LIMITS,
  createDefaultReadinessScenario,
  simulateReadiness,
  validateReadinessScenario,
  type ProbePlacement,
  type ReadinessResult,
  type ReadinessScenario,
  type TaskState,
} from '../../sim/shutdown/readiness';
import { ShutdownNumberField } from '../ShutdownTimeline/ShutdownNumberField';
import './Readiness.css';

export interface ReadinessProps {
  id?: string;
  /** 'short-outage' starts from a 20-second blip; anything else from a two-minute outage. */
  preset?: string;
}

const STATE_STYLE: Record<TaskState, { fill: string; name: string }> = {
  serving: { fill: 'var(--ok)', name: 'serving' },
  'not-ready': { fill: 'var(--warn)', name: 'not ready (no traffic)' },
  'back-off': { fill: 'var(--bad)', name: 'restart back-off' },
  booting: { fill: 'var(--info)', name: 'booting' },
};

const PROBE_DOCS =
  'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/';
const RESTART_DOCS =
  'https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-restarts';
const ECS_SERVICES_DOCS =
  'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs_services.html';

const RUN_TITLES: Record<ProbePlacement, string> = {
  'db-in-liveness': 'DB check in liveness (on ECS: in the ALB or container health check)',
  'db-in-readiness': 'DB check in readiness (Kubernetes only)',
};

type NumericKey = Exclude<keyof ReadinessScenario, 'placement'>;

const FIELDS: { key: NumericKey; label: string; unit: string; hint?: string }[] = [
  { key: 'tasks', label: 'Tasks (pods)', unit: '' },
  { key: 'periodSeconds', label: 'Probe period', unit: 's', hint: 'periodSeconds, default 10' },
  { key: 'failureThreshold', label: 'Failure threshold', unit: 'probes', hint: 'default 3' },
  { key: 'successThreshold', label: 'Success threshold', unit: 'probes', hint: 'default 1' },
  { key: 'bootSeconds', label: 'App boot time', unit: 's' },
  { key: 'outageStartSeconds', label: 'DB outage starts at', unit: 's' },
  { key: 'outageSeconds', label: 'DB outage length', unit: 's' },
  { key: 'durationSeconds', label: 'Length of the run', unit: 's' },
];

function Chart(props: { label: string; scenario: ReadinessScenario; result: ReadinessResult }) {
  const { scenario, result } = props;
  const width = 1000;
  const labelW = 90;
  const plotW = width - labelW - 10;
  const laneH = 22;
  const endMs = scenario.durationSeconds * 1000;
  const x = (t: number) => labelW + (Math.min(t, endMs) / endMs) * plotW;
  const height = 20 + result.tasks.length * laneH + 4;
  const outageFrom = scenario.outageStartSeconds * 1000;
  const outageTo = outageFrom + scenario.outageSeconds * 1000;
  return (
    <svg
      class="rdy-chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`${props.label}: ${result.verdict}`}
    >
      <rect
        x={x(outageFrom)}
        y={0}
        width={Math.max(1, x(outageTo) - x(outageFrom))}
        height={height}
        class="rdy-outage"
      />
      <text x={x(outageFrom) + 4} y={13} class="rdy-text">
        DB down
      </text>
      {result.tasks.map((task) => (
        <g key={task.index}>
          <text x={4} y={20 + task.index * laneH + 15} class="rdy-text">
            Task {task.index + 1}
          </text>
          {task.segments.map((seg, i) => (
            <rect
              key={i}
              x={x(seg.fromMs)}
              y={20 + task.index * laneH + 3}
              width={Math.max(1, x(seg.toMs) - x(seg.fromMs))}
              height={laneH - 6}
              fill={STATE_STYLE[seg.state].fill}
              class={`rdy-seg rdy-seg-${seg.state}`}
            >
              <title>{`Task ${task.index + 1}: ${STATE_STYLE[seg.state].name} from ${seg.fromMs / 1000} s to ${seg.toMs / 1000} s`}</title>
            </rect>
          ))}
        </g>
      ))}
    </svg>
  );
}

export function Readiness(props: ReadinessProps) {
  const id = props.id ?? 'readiness';
  const defaults = useMemo<ReadinessScenario>(() => {
    const d = createDefaultReadinessScenario();
    if (props.preset === 'short-outage') d.outageSeconds = 20;
    return d;
  }, [props.preset]);
  const url = useUrlState<ReadinessScenario>(id, defaults, validateReadinessScenario);
  const { state, setState } = url;
  const [clampNotice, setClampNotice] = useState<string | null>(null);
  const runs = useMemo(
    () =>
      (['db-in-liveness', 'db-in-readiness'] as ProbePlacement[]).map((placement) => {
        const scenario = { ...state, placement };
        return { placement, scenario, result: simulateReadiness(scenario) };
      }),
    [state],
  );
  return (
    <WidgetFrame
      id={id}
      title="Readiness vs liveness during a database outage"
      notice={url.notice ?? clampNotice}
      onDismissNotice={() => {
        url.dismissNotice();
        setClampNotice(null);
      }}
      onReset={() => {
        setClampNotice(null);
        url.reset();
      }}
      shareUrl={url.shareUrl}
      verdict={runs
        .map(
          (run) =>
            `${run.placement === 'db-in-liveness' ? 'In liveness' : 'In readiness'}: ${run.result.restarts} restart${run.result.restarts === 1 ? '' : 's'}`,
        )
        .join(' · ')}
      caption={
        <>
          The same tasks and probe settings, with the database check in the liveness probe (top) and
          in the readiness probe (bottom). Probe defaults and the restart back-off (10 s, doubling,
          at most 5 minutes) are from the Kubernetes documentation (<a href={PROBE_DOCS}>probes</a>,{' '}
          <a href={RESTART_DOCS}>container restarts</a>), not from a run here. ECS has no readiness
          probe: its service replaces a task that fails the container health check or the ALB
          target-group health check (<a href={ECS_SERVICES_DOCS}>ECS services</a>), so a database
          check in either acts like the top chart (the restart timing drawn is Kubernetes&rsquo;s).
          On ECS keep both checks cheap.
        </>
      }
    >
      <div class="widget-layout widget-layout-view-first rdy">
        <div class="widget-controls">
          <fieldset class="rdy-settings">
            <legend>Probe and outage settings</legend>
            {FIELDS.map((field) => {
              const range = READINESS_LIMITS[field.key];
              return (
                <ShutdownNumberField
                  key={field.key}
                  id={`${id}-${field.key}`}
                  label={field.label}
                  value={state[field.key]}
                  min={range[0]}
                  max={range[1]}
                  step={1}
                  unit={field.unit}
                  {...(field.hint ? { hint: field.hint } : {})}
                  onCommit={(value) => {
                    const next =
                      validateReadinessScenario({ ...state, [field.key]: value }) ?? state;
                    setClampNotice(
                      next[field.key] === value
                        ? null
                        : `${field.label}: ${value} is out of range; using ${next[field.key]}.`,
                    );
                    setState(next);
                  }}
                />
              );
            })}
          </fieldset>
        </div>
        <div class="widget-view rdy-view">
          <ul class="rdy-legend" aria-label="Task states">
            {(Object.keys(STATE_STYLE) as TaskState[]).map((s) => (
              <li key={s}>
                <span
                  class={`rdy-swatch rdy-seg-${s}`}
                  style={{ background: STATE_STYLE[s].fill }}
                />{' '}
                {STATE_STYLE[s].name}
              </li>
            ))}
          </ul>
          {runs.map((run) => (
            <section key={run.placement} class="rdy-run">
              <h4>{RUN_TITLES[run.placement]}</h4>
              {/* On a narrow screen the chart keeps a readable size and scrolls sideways;
                  the wrapper takes focus so the keyboard can scroll it too. */}
              <div
                class="rdy-scroll"
                tabIndex={0}
                role="group"
                aria-label={`${RUN_TITLES[run.placement]} chart`}
              >
                <Chart
                  label={RUN_TITLES[run.placement]}
                  scenario={run.scenario}
                  result={run.result}
                />
              </div>
              <p class="rdy-verdict" aria-live="polite">
                {run.result.verdict}
              </p>
            </section>
          ))}
        </div>
      </div>
    </WidgetFrame>
  );
}

export default Readiness;
