/**
 * Every setting of a shutdown scenario as labelled form controls. Numbers are committed raw;
 * the parent clamps them through validateShutdownScenario and reports any clamping.
 */
import type { JSX } from 'preact';
import { CHOICES } from '../../sim/shutdown/presets';
import { LIMITS, type ShutdownScenario } from '../../sim/shutdown/scenario';
import { ShutdownNumberField } from './ShutdownNumberField';

export type NumberCommit = (
  label: string,
  get: (s: ShutdownScenario) => number,
  set: (s: ShutdownScenario, value: number) => void,
  value: number,
) => void;
export type ChoiceCommit = (set: (s: ShutdownScenario) => void) => void;

export interface ShutdownSettingsProps {
  uid: string;
  scenario: ShutdownScenario;
  onNumber: NumberCommit;
  onChoice: ChoiceCommit;
}

const PLATFORM_LABELS: Record<ShutdownScenario['platform'], string> = {
  'ecs-service': 'ECS service deploy / scale-in',
  'ecs-stop-task': 'ECS manual StopTask (no drain; UNVERIFIED today)',
  kubernetes: 'Kubernetes pod delete',
  'docker-stop': 'docker stop',
  'compose-stop': 'docker compose stop',
};

const PID1_LABELS: Record<ShutdownScenario['container']['pid1'], string> = {
  'exec-form': 'Exec form: CMD ["gunicorn", …]',
  'shell-form-dash': 'Shell form under dash: CMD gunicorn …',
  'shell-form-exec': 'Shell form with exec: CMD exec gunicorn …',
  'shell-form-bash': 'Shell form under bash (execs a single command)',
  init: '--init / init: true / initProcessEnabled (tini)',
};

const VERSION_LABELS: Record<ShutdownScenario['gunicorn']['version'], string> = {
  '20.1': '20.1 (Debian; measured)',
  '23': '23.0 (measured on 23.0.0)',
  '24+': '24 and later (measured on 24.1.1, 26.1.0)',
};

const PRESTOP_LABELS: Record<ShutdownScenario['kubernetes']['preStop'], string> = {
  none: 'none',
  sleep: 'sleep action (kubelet)',
  'exec-sleep': 'exec: sleep (needs a sleep binary)',
};

function Select<T extends string>(props: {
  id: string;
  label: string;
  value: T;
  options: readonly T[];
  labels?: Partial<Record<T, string>>;
  onChange: (value: T) => void;
}): JSX.Element {
  return (
    <div class="sdt-field">
      <label for={props.id}>{props.label}</label>
      <select
        id={props.id}
        value={props.value}
        onChange={(e) => {
          const value = e.currentTarget.value;
          const found = props.options.find((o) => o === value);
          if (found !== undefined) props.onChange(found);
        }}
      >
        {props.options.map((o) => (
          <option key={o} value={o}>
            {props.labels?.[o] ?? o}
          </option>
        ))}
      </select>
    </div>
  );
}

export function ShutdownSettings(props: ShutdownSettingsProps) {
  const { uid, scenario: s, onNumber, onChoice } = props;
  const f = (name: string) => `${uid}-${name}`;
  const num = (
    name: string,
    label: string,
    get: (x: ShutdownScenario) => number,
    set: (x: ShutdownScenario, v: number) => void,
    range: readonly [number, number],
    extra: { unit?: string; hint?: string; step?: number } = {},
  ) => (
    <ShutdownNumberField
      id={f(name)}
      label={label}
      value={get(s)}
      min={range[0]}
      max={range[1]}
      {...extra}
      onCommit={(v) => {
        onNumber(label, get, set, v);
      }}
    />
  );
  const isEcs = s.platform === 'ecs-service' || s.platform === 'ecs-stop-task';
  const isDocker = s.platform === 'docker-stop' || s.platform === 'compose-stop';
  const albDelay = isEcs || (s.platform === 'kubernetes' && s.kubernetes.ingress === 'alb');
  return (
    <div class="sdt-settings">
      <fieldset>
        <legend>Platform</legend>
        <Select
          id={f('platform')}
          label="Who stops the container"
          value={s.platform}
          options={CHOICES.platform}
          labels={PLATFORM_LABELS}
          onChange={(v) => {
            onChoice((x) => (x.platform = v));
          }}
        />
        {albDelay
          ? num(
              'dereg',
              'ALB deregistration delay',
              (x) => x.ecs.deregistrationDelaySeconds,
              (x, v) => (x.ecs.deregistrationDelaySeconds = v),
              LIMITS.deregistrationDelaySeconds,
              { unit: 's', hint: 'default 300', step: 1 },
            )
          : null}
        {isEcs ? (
          <>
            {num(
              'stoptimeout',
              'stopTimeout',
              (x) => x.ecs.stopTimeoutSeconds,
              (x, v) => (x.ecs.stopTimeoutSeconds = v),
              LIMITS.ecsStopTimeoutSeconds,
              { unit: 's', hint: 'default 30, max 120 on Fargate', step: 1 },
            )}
            <Select
              id={f('launch')}
              label="Launch type"
              value={s.ecs.launchType}
              options={['fargate', 'ec2'] as const}
              labels={{ fargate: 'Fargate', ec2: 'EC2' }}
              onChange={(v) => {
                onChoice((x) => (x.ecs.launchType = v));
              }}
            />
          </>
        ) : null}
        {s.platform === 'ecs-stop-task' ? (
          <>
            {num(
              'hc-interval',
              'Health check interval',
              (x) => x.healthCheck.intervalSeconds,
              (x, v) => (x.healthCheck.intervalSeconds = v),
              LIMITS.healthCheckIntervalSeconds,
              { unit: 's', hint: 'ALB default 30', step: 1 },
            )}
            {num(
              'hc-timeout',
              'Health check timeout',
              (x) => x.healthCheck.timeoutSeconds,
              (x, v) => (x.healthCheck.timeoutSeconds = v),
              LIMITS.healthCheckTimeoutSeconds,
              { unit: 's', hint: 'ALB default 5', step: 1 },
            )}
            {num(
              'hc-threshold',
              'Unhealthy threshold',
              (x) => x.healthCheck.unhealthyThreshold,
              (x, v) => (x.healthCheck.unhealthyThreshold = v),
              LIMITS.unhealthyThreshold,
              { unit: 'failed checks', hint: 'ALB default 2', step: 1 },
            )}
          </>
        ) : null}
        {s.platform === 'kubernetes' ? (
          <>
            {num(
              'grace',
              'terminationGracePeriodSeconds',
              (x) => x.kubernetes.terminationGracePeriodSeconds,
              (x, v) => (x.kubernetes.terminationGracePeriodSeconds = v),
              LIMITS.terminationGracePeriodSeconds,
              { unit: 's', hint: 'default 30', step: 1 },
            )}
            <Select
              id={f('prestop')}
              label="preStop hook"
              value={s.kubernetes.preStop}
              options={CHOICES.preStop}
              labels={PRESTOP_LABELS}
              onChange={(v) => {
                onChoice((x) => (x.kubernetes.preStop = v));
              }}
            />
            {s.kubernetes.preStop !== 'none'
              ? num(
                  'prestop-seconds',
                  'preStop sleep',
                  (x) => x.kubernetes.preStopSeconds,
                  (x, v) => (x.kubernetes.preStopSeconds = v),
                  LIMITS.preStopSeconds,
                  { unit: 's', step: 1 },
                )
              : null}
            {num(
              'propagation',
              'Endpoint removal propagation',
              (x) => x.kubernetes.endpointPropagationSeconds,
              (x, v) => (x.kubernetes.endpointPropagationSeconds = v),
              LIMITS.endpointPropagationSeconds,
              { unit: 's', hint: 'no documented value: UNVERIFIED guess', step: 0.5 },
            )}
            <Select
              id={f('ingress')}
              label="In front of the pod"
              value={s.kubernetes.ingress}
              options={CHOICES.ingress}
              labels={{
                'kube-proxy': 'kube-proxy (Service)',
                alb: 'ALB (AWS Load Balancer Controller)',
              }}
              onChange={(v) => {
                onChoice((x) => (x.kubernetes.ingress = v));
              }}
            />
          </>
        ) : null}
        {isDocker
          ? num(
              'docker-timeout',
              s.platform === 'docker-stop' ? 'docker stop -t' : 'stop_grace_period',
              (x) => x.docker.stopTimeoutSeconds,
              (x, v) => (x.docker.stopTimeoutSeconds = v),
              LIMITS.dockerStopTimeoutSeconds,
              { unit: 's', hint: 'default 10; 0 kills at once, -1 waits forever', step: 1 },
            )
          : null}
      </fieldset>

      <fieldset>
        <legend>Container</legend>
        <Select
          id={f('pid1')}
          label="How Gunicorn is started (PID 1)"
          value={s.container.pid1}
          options={CHOICES.pid1}
          labels={PID1_LABELS}
          onChange={(v) => {
            onChoice((x) => (x.container.pid1 = v));
          }}
        />
        <Select
          id={f('signal')}
          label="STOPSIGNAL"
          value={s.container.stopSignal}
          options={CHOICES.stopSignal}
          labels={{ TERM: 'SIGTERM (default)', INT: 'SIGINT', QUIT: 'SIGQUIT' }}
          onChange={(v) => {
            onChoice((x) => (x.container.stopSignal = v));
          }}
        />
      </fieldset>

      <fieldset>
        <legend>Gunicorn</legend>
        <Select
          id={f('version')}
          label="Gunicorn version"
          value={s.gunicorn.version}
          options={CHOICES.version}
          labels={VERSION_LABELS}
          onChange={(v) => {
            onChoice((x) => (x.gunicorn.version = v));
          }}
        />
        <Select
          id={f('class')}
          label="worker_class"
          value={s.gunicorn.workerClass}
          options={CHOICES.workerClass}
          labels={{
            sync: 'sync',
            gthread: 'gthread',
            gevent: 'gevent (from source; not run here)',
          }}
          onChange={(v) => {
            onChoice((x) => (x.gunicorn.workerClass = v));
          }}
        />
        {num(
          'workers',
          'workers',
          (x) => x.gunicorn.workers,
          (x, v) => (x.gunicorn.workers = v),
          LIMITS.workers,
          { step: 1 },
        )}
        {num(
          'threads',
          'threads',
          (x) => x.gunicorn.threads,
          (x, v) => (x.gunicorn.threads = v),
          LIMITS.threads,
          {
            step: 1,
            hint: 'sync with threads > 1 runs gthread',
          },
        )}
        {num(
          'graceful',
          'graceful_timeout',
          (x) => x.gunicorn.gracefulTimeoutSeconds,
          (x, v) => (x.gunicorn.gracefulTimeoutSeconds = v),
          LIMITS.gracefulTimeoutSeconds,
          { unit: 's', hint: 'default 30' },
        )}
        {num(
          'timeout',
          'timeout',
          (x) => x.gunicorn.timeoutSeconds,
          (x, v) => (x.gunicorn.timeoutSeconds = v),
          LIMITS.timeoutSeconds,
          { unit: 's', hint: 'default 30; 0 disables' },
        )}
        {num(
          'keepalive',
          'keepalive',
          (x) => x.gunicorn.keepaliveSeconds,
          (x, v) => (x.gunicorn.keepaliveSeconds = v),
          LIMITS.keepaliveSeconds,
          { unit: 's', hint: 'default 2; sync ignores it' },
        )}
      </fieldset>

      <fieldset>
        <legend>Traffic</legend>
        {num(
          'rate',
          'Arrivals per second',
          (x) => x.traffic.arrivalsPerSecond,
          (x, v) => (x.traffic.arrivalsPerSecond = v),
          LIMITS.arrivalsPerSecond,
        )}
        {num(
          'until',
          'Traffic until',
          (x) => x.traffic.untilSeconds,
          (x, v) => (x.traffic.untilSeconds = v),
          LIMITS.untilSeconds,
          { unit: 's' },
        )}
        {num(
          'stopat',
          'Stop command at',
          (x) => x.stopAtSeconds,
          (x, v) => (x.stopAtSeconds = v),
          LIMITS.stopAtSeconds,
          { unit: 's' },
        )}
        {num(
          'seed',
          'Random seed',
          (x) => x.seed,
          (x, v) => (x.seed = v),
          [0, 2 ** 31 - 1],
          { step: 1 },
        )}
        {s.traffic.mix.map((m, i) => (
          <div class="sdt-mix-row" key={i}>
            {num(
              `mix-d-${i}`,
              `Kind ${i + 1} duration`,
              (x) => x.traffic.mix[i]?.durationSeconds ?? 0,
              (x, v) => {
                const entry = x.traffic.mix[i];
                if (entry) entry.durationSeconds = v;
              },
              LIMITS.durationSeconds,
              { unit: 's' },
            )}
            {num(
              `mix-s-${i}`,
              `Kind ${i + 1} share`,
              (x) => x.traffic.mix[i]?.share ?? 0,
              (x, v) => {
                const entry = x.traffic.mix[i];
                if (entry) entry.share = v;
              },
              [0, 100],
              { unit: m.share === 1 ? 'part' : 'parts' },
            )}
          </div>
        ))}
      </fieldset>
    </div>
  );
}

export default ShutdownSettings;
