/**
 * The capacity calculator: Gunicorn workers × concurrency × SQLAlchemy pool × ECS tasks (× the
 * deploy surge) against PostgreSQL's limit, and workers × memory against the container's limit.
 *
 * Thin by design: the state is a CapacitySettings object kept in the URL; every figure comes
 * from computeCapacity / sweepTaskCounts in src/sim/capacity, and all input goes through
 * normalizeCapacityInput, whose clamping messages are shown in a live region.
 */
import { useCallback, useMemo, useState } from 'preact/hooks';
import { WidgetFrame } from '../../components/WidgetFrame';
import { useUrlState } from '../../runtime/use-url-state';
import {
  CAPACITY_DOC_LINKS,
  PGBOUNCER_DEFAULTS,
  WORKER_CLASSES,
  computeCapacity,
  sweepTaskCounts,
  type CapacitySettings,
  type PgBouncerSettings,
  type WorkerClass,
} from '../../sim/capacity/capacity';
import {
  CAPACITY_PRESETS,
  DEFAULT_CAPACITY_PRESET,
  isCapacityPresetId,
  settingsForPreset,
} from '../../sim/capacity/capacity-presets';
import {
  CAPACITY_RANGES,
  PGBOUNCER_RANGES,
  normalizeCapacityInput,
  toNumber,
  type CapacityNumericKey,
  type PgBouncerNumericKey,
} from '../../sim/capacity/normalize-capacity-input';
import { RDS_INSTANCE_CLASSES } from '../../sim/capacity/rds-instance-classes';
import { CapacityCheckbox } from './CapacityCheckbox';
import { CapacityConnectionBar } from './CapacityConnectionBar';
import { CapacityMemoryBar } from './CapacityMemoryBar';
import { CapacityNumberField } from './CapacityNumberField';
import { CapacityTaskChart } from './CapacityTaskChart';
import {
  CAPACITY_GOAL,
  capacityGoalStart,
  checkCapacityGoal,
} from '../../sim/training/widget-goals';
import { WidgetGoal } from '../WidgetGoal/WidgetGoal';
import { WARNING_PREFIX, describePoolArithmetic, describeVerdict } from './capacity-text';
import './Capacity.css';

export type CapacityFocus = 'workers' | 'pool';

export interface CapacityProps {
  /** Instance id: the figure's id and the URL parameter of its state. */
  id?: string;
  /** A preset from CAPACITY_PRESET_IDS for the initial (and Reset) state. */
  preset?: string;
  /** What the chapter is about: worker count and memory (chapter 3) or the pool (chapter 5). */
  focus?: CapacityFocus;
}

interface FieldSpec<K extends string> {
  readonly key: K;
  readonly text: string;
  readonly step: number;
  readonly sliderMin: number;
  readonly sliderMax: number;
  readonly hint?: string;
  /** The label is plain words, not a real setting's name. */
  readonly plain?: boolean;
}

type SectionKey = 'gunicorn' | 'pool' | 'service' | 'postgres' | 'pgbouncer' | 'memory';

const OPEN_SECTIONS: Record<'default' | CapacityFocus, readonly SectionKey[]> = {
  default: ['gunicorn', 'pool', 'service', 'postgres'],
  workers: ['gunicorn', 'memory'],
  // The guide's pool example multiplies workers too, so their section stays open.
  pool: ['gunicorn', 'pool', 'service', 'postgres', 'pgbouncer'],
};

const GUNICORN_FIELDS: readonly FieldSpec<CapacityNumericKey>[] = [
  { key: 'vcpus', text: '', plain: true, step: 0.25, sliderMin: 0.25, sliderMax: 16 },
  { key: 'workers', text: 'per task', step: 1, sliderMin: 1, sliderMax: 33 },
  {
    key: 'threads',
    text: 'per worker',
    step: 1,
    sliderMin: 1,
    sliderMax: 64,
    hint: 'above 1, sync runs as gthread',
  },
  {
    key: 'workerConnections',
    text: 'per worker',
    step: 1,
    sliderMin: 1,
    sliderMax: 2000,
    hint: 'used by gevent',
  },
];

const POOL_FIELDS: readonly FieldSpec<CapacityNumericKey>[] = [
  {
    key: 'connectionsPerRequest',
    plain: true,
    text: '',
    step: 1,
    sliderMin: 0,
    sliderMax: 5,
    hint: '0 if requests never touch the database',
  },
  {
    key: 'poolSize',
    text: 'per worker',
    step: 1,
    sliderMin: 0,
    sliderMax: 50,
    hint: '0 = no limit',
  },
  {
    key: 'maxOverflow',
    text: 'per worker',
    step: 1,
    sliderMin: -1,
    sliderMax: 50,
    hint: '-1 = no limit',
  },
  { key: 'poolTimeoutSeconds', text: '', step: 1, sliderMin: 0, sliderMax: 120 },
];

const SERVICE_FIELDS: readonly FieldSpec<CapacityNumericKey>[] = [
  { key: 'tasks', plain: true, text: '', step: 1, sliderMin: 0, sliderMax: 50 },
  { key: 'maximumPercent', text: '', step: 1, sliderMin: 100, sliderMax: 300 },
  { key: 'minimumHealthyPercent', text: '', step: 1, sliderMin: 0, sliderMax: 100 },
];

const POSTGRES_FIELDS: readonly FieldSpec<CapacityNumericKey>[] = [
  { key: 'maxConnections', text: '', step: 1, sliderMin: 10, sliderMax: 1000 },
  { key: 'superuserReservedConnections', text: '', step: 1, sliderMin: 0, sliderMax: 20 },
  {
    key: 'reservedConnections',
    text: '',
    step: 1,
    sliderMin: 0,
    sliderMax: 20,
    hint: 'PostgreSQL 16+',
  },
  { key: 'otherConnections', plain: true, text: '', step: 1, sliderMin: 0, sliderMax: 100 },
];

const PGBOUNCER_FIELDS: readonly FieldSpec<PgBouncerNumericKey>[] = [
  { key: 'defaultPoolSize', text: '', step: 1, sliderMin: 1, sliderMax: 200 },
  { key: 'reservePoolSize', text: '', step: 1, sliderMin: 0, sliderMax: 50 },
  { key: 'maxClientConn', text: '', step: 1, sliderMin: 1, sliderMax: 5000 },
  {
    key: 'maxDbConnections',
    text: '',
    step: 1,
    sliderMin: 0,
    sliderMax: 500,
    hint: '0 = no limit',
  },
  { key: 'maxPreparedStatements', text: '', step: 1, sliderMin: 0, sliderMax: 1000 },
];

const MEMORY_FIELDS: readonly FieldSpec<CapacityNumericKey>[] = [
  {
    key: 'memoryPerWorkerMiB',
    plain: true,
    text: '(resident, app loaded)',
    step: 10,
    sliderMin: 10,
    sliderMax: 2000,
  },
  { key: 'masterMemoryMiB', plain: true, text: '', step: 5, sliderMin: 0, sliderMax: 500 },
  {
    key: 'preloadSharedFraction',
    plain: true,
    text: '',
    step: 0.05,
    sliderMin: 0,
    sliderMax: 0.95,
    hint: 'your estimate; only with preload_app',
  },
  { key: 'containerMemoryMiB', plain: true, text: '', step: 128, sliderMin: 128, sliderMax: 16384 },
];

/** Link text for each documentation page a warning cites. */
const DOC_TITLES: Readonly<Record<string, string>> = {
  [CAPACITY_DOC_LINKS.gunicornSettings]: 'Gunicorn settings',
  [CAPACITY_DOC_LINKS.gunicornDesign]: 'Gunicorn: how many workers',
  [CAPACITY_DOC_LINKS.gunicornSignals]: 'Gunicorn signal handling',
  [CAPACITY_DOC_LINKS.sqlalchemyPool]: 'SQLAlchemy connection pooling',
  [CAPACITY_DOC_LINKS.sqlalchemyQueuePool]: 'SQLAlchemy QueuePool',
  [CAPACITY_DOC_LINKS.sqlalchemyFork]: 'SQLAlchemy: pools and os.fork()',
  [CAPACITY_DOC_LINKS.postgresConnections]: 'PostgreSQL connection settings',
  [CAPACITY_DOC_LINKS.rdsMaxConnections]: 'AWS: RDS max_connections',
  [CAPACITY_DOC_LINKS.pgbouncerConfig]: 'PgBouncer configuration',
  [CAPACITY_DOC_LINKS.pgbouncerFeatures]: 'PgBouncer pooling modes',
  [CAPACITY_DOC_LINKS.ecsDeployment]: 'ECS rolling deployments',
};

const MAX_SHOWN = 24;

function shorten(text: string): string {
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}

/** The validator for URL state: structure must be an object; every field is clamped. */
function validateSettings(raw: unknown, report: (messages: readonly string[]) => void) {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const normalized = normalizeCapacityInput(raw);
  if (normalized.messages.length > 0) {
    report(normalized.messages.map((message) => `From the link: ${message}`));
  }
  return normalized.settings;
}

export function Capacity({ id = 'capacity', preset, focus }: CapacityProps) {
  const presetId =
    preset !== undefined && isCapacityPresetId(preset) ? preset : DEFAULT_CAPACITY_PRESET;
  const initial = useMemo(() => settingsForPreset(presetId), [presetId]);
  const [messages, setMessages] = useState<readonly string[]>([]);
  const validate = useCallback((raw: unknown) => validateSettings(raw, setMessages), []);
  const { state, setState, reset, notice, dismissNotice, shareUrl } = useUrlState<CapacitySettings>(
    id,
    initial,
    validate,
  );
  const result = useMemo(() => computeCapacity(state), [state]);
  const sweepMax = Math.min(
    40,
    Math.max(8, state.tasks * 2, (result.largestTasksThatFit ?? 0) + 3),
  );
  const points = useMemo(() => sweepTaskCounts(state, sweepMax), [state, sweepMax]);
  const verdict = describeVerdict(result);
  const goalStatus = useMemo(() => checkCapacityGoal(state), [state]);
  const open = OPEN_SECTIONS[focus ?? 'default'];
  const fieldId = (key: string): string => `${id}-${key}`;

  const apply = (raw: unknown) => {
    const normalized = normalizeCapacityInput(raw);
    setMessages(normalized.messages);
    setState(normalized.settings);
  };

  /** A number or the text of a number field; text that is no number keeps the last good value. */
  const commitNumber = (key: CapacityNumericKey, raw: number | string) => {
    if (typeof raw === 'string' && toNumber(raw) === null) {
      setMessages([
        `${CAPACITY_RANGES[key].setting}: ${JSON.stringify(shorten(raw))} is not a number; keeping ${state[key]}.`,
      ]);
      return;
    }
    apply({ ...state, [key]: raw });
  };

  const commitPgBouncer = (changes: Partial<Record<keyof PgBouncerSettings, unknown>>) => {
    apply({ ...state, pgbouncer: { ...(state.pgbouncer ?? PGBOUNCER_DEFAULTS), ...changes } });
  };

  const commitPgBouncerNumber = (key: PgBouncerNumericKey, raw: number | string) => {
    const current = state.pgbouncer ?? PGBOUNCER_DEFAULTS;
    if (typeof raw === 'string' && toNumber(raw) === null) {
      setMessages([
        `${PGBOUNCER_RANGES[key].setting}: ${JSON.stringify(shorten(raw))} is not a number; keeping ${current[key]}.`,
      ]);
      return;
    }
    commitPgBouncer({ [key]: raw });
  };

  const renderField = (spec: FieldSpec<CapacityNumericKey>, disabled = false) => {
    const range = CAPACITY_RANGES[spec.key];
    return (
      <CapacityNumberField
        key={spec.key}
        id={fieldId(spec.key)}
        setting={range.setting}
        text={spec.text}
        unit={range.unit}
        value={state[spec.key]}
        min={range.min}
        max={range.max}
        step={spec.step}
        sliderMin={spec.sliderMin}
        sliderMax={spec.sliderMax}
        integer={range.integer}
        plain={spec.plain === true}
        disabled={disabled}
        {...(spec.hint === undefined ? {} : { hint: spec.hint })}
        onCommit={(raw) => {
          commitNumber(spec.key, raw);
        }}
      />
    );
  };

  const onReset = () => {
    setMessages([]);
    reset();
  };

  const presets = result.workerPresets;
  const pgb = state.pgbouncer;

  return (
    <WidgetFrame
      id={id}
      title="Connections and memory: will it fit?"
      notice={notice ?? (messages.length > 0 ? `Input adjusted: ${messages.join(' ')}` : null)}
      onDismissNotice={() => {
        dismissNotice();
        setMessages([]);
      }}
      onReset={onReset}
      shareUrl={shareUrl}
      verdict={
        <span class={`cap-verdict cap-tone-${verdict.tone}`}>
          <strong>{verdict.headline}</strong>{' '}
          <span class="cap-verdict-detail">{verdict.detail}</span>
        </span>
      }
      caption={
        <>
          Every Gunicorn worker has its own SQLAlchemy pool; what a worker reaches is the requests
          it runs at once times the connections each holds, capped by{' '}
          <code>pool_size + max_overflow</code>. Sources:{' '}
          <a href={CAPACITY_DOC_LINKS.gunicornSettings}>Gunicorn settings</a>,{' '}
          <a href={CAPACITY_DOC_LINKS.gunicornDesign}>Gunicorn on worker counts</a>,{' '}
          <a href={CAPACITY_DOC_LINKS.sqlalchemyQueuePool}>SQLAlchemy QueuePool</a>,{' '}
          <a href={CAPACITY_DOC_LINKS.ecsDeployment}>ECS rolling deployments</a>,{' '}
          <a href={CAPACITY_DOC_LINKS.postgresConnections}>PostgreSQL connection settings</a>,{' '}
          <a href={CAPACITY_DOC_LINKS.pgbouncerConfig}>PgBouncer configuration</a> and{' '}
          <a href={CAPACITY_DOC_LINKS.rdsMaxConnections}>RDS max_connections</a>.
        </>
      }
    >
      <div class="cap">
        <div class="widget-layout widget-layout-view-first cap-layout">
          <div class="widget-controls cap-inputs">
            <div class="cap-presets" role="group" aria-label="Scenarios">
              <span class="cap-presets-label">Scenarios:</span>
              {CAPACITY_PRESETS.map((p) => (
                <button
                  key={p.id}
                  type="button"
                  title={p.description}
                  onClick={() => {
                    setMessages([]);
                    setState(settingsForPreset(p.id));
                  }}
                >
                  {p.label}
                </button>
              ))}
            </div>

            <WidgetGoal
              goal={CAPACITY_GOAL}
              status={goalStatus}
              onStart={() => {
                setMessages([]);
                setState(capacityGoalStart());
              }}
            />

            <details class="cap-section" open={open.includes('gunicorn')}>
              <summary>Gunicorn, per task</summary>
              {renderField(GUNICORN_FIELDS[0]!)}
              {renderField(GUNICORN_FIELDS[1]!)}
              <div class="cap-worker-presets" role="group" aria-label="Worker count presets">
                <button
                  type="button"
                  onClick={() => {
                    commitNumber('workers', presets.gunicornDefault);
                  }}
                >
                  {presets.gunicornDefault}: Gunicorn’s default
                </button>
                <button
                  type="button"
                  onClick={() => {
                    commitNumber('workers', presets.guide);
                  }}
                >
                  {presets.guide}: 2 × CPU (the guide)
                </button>
                <button
                  type="button"
                  onClick={() => {
                    commitNumber('workers', presets.gunicornDocs);
                  }}
                >
                  {presets.gunicornDocs}: 2 × CPU + 1 (Gunicorn docs)
                </button>
              </div>
              <div class="cap-field">
                <label class="cap-field-label" for={fieldId('workerClass')}>
                  <code>worker_class</code>
                </label>
                <select
                  id={fieldId('workerClass')}
                  value={state.workerClass}
                  onChange={(event) => {
                    apply({
                      ...state,
                      workerClass: event.currentTarget.value,
                    });
                  }}
                >
                  {WORKER_CLASSES.map((c: WorkerClass) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </select>
                <span class="cap-unit">
                  runs as <strong>{result.effectiveWorkerClass}</strong>:{' '}
                  {result.concurrencyPerWorker} request
                  {result.concurrencyPerWorker === 1 ? '' : 's'} at once per worker
                </span>
              </div>
              {renderField(GUNICORN_FIELDS[2]!)}
              {renderField(GUNICORN_FIELDS[3]!)}
            </details>

            <details class="cap-section" open={open.includes('pool')}>
              <summary>SQLAlchemy pool, per worker</summary>
              {POOL_FIELDS.map((spec) => renderField(spec))}
            </details>

            <details class="cap-section" open={open.includes('service')}>
              <summary>ECS service and rolling deploy</summary>
              {SERVICE_FIELDS.map((spec) => renderField(spec))}
            </details>

            <details class="cap-section" open={open.includes('postgres')}>
              <summary>PostgreSQL</summary>
              <div class="cap-field">
                <label class="cap-field-label" for={fieldId('rds')}>
                  RDS instance class
                </label>
                <select
                  id={fieldId('rds')}
                  value={state.rdsInstanceClass ?? ''}
                  onChange={(event) => {
                    const value = event.currentTarget.value;
                    apply({ ...state, rdsInstanceClass: value === '' ? null : value });
                  }}
                >
                  <option value="">none: use max_connections below</option>
                  {RDS_INSTANCE_CLASSES.map((c) => (
                    <option key={c.name} value={c.name}>
                      {c.name} ({c.nominalMemoryGiB} GiB nominal)
                    </option>
                  ))}
                </select>
                {result.rds ? (
                  <span class="cap-unit">
                    max_connections at most {result.rds.maxConnectionsAtMost} (
                    <a href={CAPACITY_DOC_LINKS.rdsMaxConnections}>formula</a>; real value lower,
                    unverified per class)
                  </span>
                ) : null}
              </div>
              {renderField(POSTGRES_FIELDS[0]!, state.rdsInstanceClass !== null)}
              {POSTGRES_FIELDS.slice(1).map((spec) => renderField(spec))}
            </details>

            <details class="cap-section" open={open.includes('pgbouncer') || pgb !== null}>
              <summary>PgBouncer</summary>
              <CapacityCheckbox
                id={fieldId('pgbouncer')}
                checked={pgb !== null}
                onChange={(on) => {
                  apply({ ...state, pgbouncer: on ? PGBOUNCER_DEFAULTS : null });
                }}
              >
                PgBouncer between the app and PostgreSQL
              </CapacityCheckbox>
              <CapacityCheckbox
                id={fieldId('prepared')}
                checked={state.serverSidePreparedStatements}
                onChange={(on) => {
                  apply({ ...state, serverSidePreparedStatements: on });
                }}
              >
                The driver uses server-side prepared statements (psycopg 3 does by default)
              </CapacityCheckbox>
              {pgb === null ? null : (
                <>
                  <div class="cap-field">
                    <label class="cap-field-label" for={fieldId('poolMode')}>
                      <code>pool_mode</code>
                    </label>
                    <select
                      id={fieldId('poolMode')}
                      value={pgb.poolMode}
                      onChange={(event) => {
                        commitPgBouncer({
                          poolMode: event.currentTarget.value,
                        });
                      }}
                    >
                      <option value="session">session (default)</option>
                      <option value="transaction">transaction</option>
                    </select>
                  </div>
                  <div class="cap-field">
                    <label class="cap-field-label" for={fieldId('placement')}>
                      Where PgBouncer runs
                    </label>
                    <select
                      id={fieldId('placement')}
                      value={pgb.placement}
                      onChange={(event) => {
                        commitPgBouncer({
                          placement: event.currentTarget.value,
                        });
                      }}
                    >
                      <option value="shared">one shared instance</option>
                      <option value="per-task">a sidecar in every task</option>
                    </select>
                  </div>
                  {PGBOUNCER_FIELDS.map((spec) => {
                    const range = PGBOUNCER_RANGES[spec.key];
                    return (
                      <CapacityNumberField
                        key={spec.key}
                        id={fieldId(`pgb-${spec.key}`)}
                        setting={range.setting}
                        text={spec.text}
                        unit={range.unit}
                        value={pgb[spec.key]}
                        min={range.min}
                        max={range.max}
                        step={spec.step}
                        sliderMin={spec.sliderMin}
                        sliderMax={spec.sliderMax}
                        integer={range.integer}
                        {...(spec.hint === undefined ? {} : { hint: spec.hint })}
                        onCommit={(raw) => {
                          commitPgBouncerNumber(spec.key, raw);
                        }}
                      />
                    );
                  })}
                </>
              )}
            </details>

            <details class="cap-section" open={open.includes('memory')}>
              <summary>Memory, per task</summary>
              {renderField(MEMORY_FIELDS[0]!)}
              {renderField(MEMORY_FIELDS[1]!)}
              <CapacityCheckbox
                id={fieldId('preload')}
                checked={state.preloadApp}
                onChange={(on) => {
                  apply({ ...state, preloadApp: on });
                }}
              >
                <code>preload_app</code> (load the app in the master before forking)
              </CapacityCheckbox>
              {renderField(MEMORY_FIELDS[2]!, !state.preloadApp)}
              {renderField(MEMORY_FIELDS[3]!)}
            </details>
          </div>
          <div class="widget-view cap-results">
            {verdict.fixes === null ? null : (
              <div class={`cap-fixes cap-tone-${verdict.tone}`}>
                <p>{verdict.fixes}</p>
                <div class="cap-fix-buttons" role="group" aria-label="Try one alternative">
                  {result.suggestions.map((suggestion) => (
                    <button
                      key={suggestion.code}
                      type="button"
                      onClick={() => {
                        apply({ ...state, ...suggestion.patch });
                      }}
                    >
                      Try: {suggestion.text}
                    </button>
                  ))}
                </div>
              </div>
            )}

            {focus === 'workers' ? (
              <section class="cap-block" aria-labelledby={fieldId('memory-title')}>
                <h4 id={fieldId('memory-title')}>Memory per task</h4>
                <CapacityMemoryBar idPrefix={id} result={result} />
              </section>
            ) : null}

            <section class="cap-block" aria-labelledby={fieldId('chart-title')}>
              <h4 id={fieldId('chart-title')}>Peak connections as the task count grows</h4>
              <CapacityTaskChart result={result} points={points} />
            </section>
          </div>
        </div>
        <div class="widget-more cap-more">
          <section class="cap-block" aria-labelledby={fieldId('bar-title')}>
            <h4 id={fieldId('bar-title')}>Where PostgreSQL’s connections go</h4>
            <CapacityConnectionBar idPrefix={id} result={result} />
          </section>

          <section class="cap-block" aria-labelledby={fieldId('pools-title')}>
            <h4 id={fieldId('pools-title')}>What the pools allow vs what is reached</h4>
            <table class="cap-table">
              <tbody>
                {describePoolArithmetic(result).map((line) => (
                  <tr key={line.label}>
                    <th scope="row">
                      {line.label}
                      <br />
                      <code class="cap-formula">{line.formula}</code>
                    </th>
                    <td>{line.value}</td>
                  </tr>
                ))}
                {result.pgbouncerServerCap === null ? null : (
                  <tr>
                    <th scope="row">
                      PostgreSQL sees after PgBouncer (steady / deploy; pool{' '}
                      {result.pgbouncerServerCap} per instance)
                    </th>
                    <td>
                      {result.serverConnections} / {result.deployServerConnections}
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </section>

          {focus === 'workers' ? null : (
            <section class="cap-block" aria-labelledby={fieldId('memory-title')}>
              <h4 id={fieldId('memory-title')}>Memory per task</h4>
              <CapacityMemoryBar idPrefix={id} result={result} />
            </section>
          )}

          {result.warnings.length > 0 ? (
            <section class="cap-block" aria-labelledby={fieldId('warnings-title')}>
              <h4 id={fieldId('warnings-title')}>What to watch</h4>
              <ul class="cap-warnings">
                {result.warnings.map((warning) => (
                  <li
                    key={warning.code}
                    class={`cap-tone-${warning.severity === 'info' ? 'info' : warning.severity}`}
                  >
                    <strong>{WARNING_PREFIX[warning.severity]}:</strong> {warning.text}{' '}
                    <a href={warning.docUrl}>{DOC_TITLES[warning.docUrl] ?? 'Documentation'}</a>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>
      </div>
    </WidgetFrame>
  );
}

export default Capacity;
