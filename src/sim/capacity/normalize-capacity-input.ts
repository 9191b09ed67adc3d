/**
 * Turns untrusted input (URL state, form fields, pasted JSON) into calculator settings.
 *
 * Every numeric field is checked against a range: non-numbers take the default, out-of-range
 * values are clamped, fractional counts are rounded, and each change produces a message the
 * widget shows. Enumerations are whitelisted. Nothing here throws.
 */
import {
  CAPACITY_DEFAULTS,
  PGBOUNCER_DEFAULTS,
  PGBOUNCER_PLACEMENTS,
  PGBOUNCER_POOL_MODES,
  WORKER_CLASSES,
  type CapacitySettings,
  type PgBouncerSettings,
} from './capacity';
import { RDS_INSTANCE_CLASS_NAMES } from './rds-instance-classes';

/** The range a numeric field accepts; `integer` fields are rounded to whole numbers. */
export interface NumberFieldRange {
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
  /** The real setting's name, for messages and labels. */
  readonly setting: string;
  readonly unit: string;
}

export type CapacityNumericKey = {
  [K in keyof CapacitySettings]: CapacitySettings[K] extends number ? K : never;
}[keyof CapacitySettings];

export type PgBouncerNumericKey = {
  [K in keyof PgBouncerSettings]: PgBouncerSettings[K] extends number ? K : never;
}[keyof PgBouncerSettings];

/**
 * Ranges of the calculator. Where a tool documents a limit it is used (max_overflow −1,
 * minimumHealthyPercent 0–100, Fargate's 120 GiB, PostgreSQL's 262143 backends); the other
 * upper bounds are the calculator's own, chosen to keep every figure meaningful.
 */
export const CAPACITY_RANGES: Readonly<Record<CapacityNumericKey, NumberFieldRange>> = {
  vcpus: { min: 0.25, max: 192, integer: false, setting: 'vCPUs per task', unit: 'vCPU' },
  workers: { min: 1, max: 256, integer: true, setting: 'workers', unit: 'workers' },
  threads: { min: 1, max: 1000, integer: true, setting: 'threads', unit: 'threads' },
  workerConnections: {
    min: 1,
    max: 100_000,
    integer: true,
    setting: 'worker_connections',
    unit: 'connections',
  },
  connectionsPerRequest: {
    min: 0,
    max: 20,
    integer: true,
    setting: 'connections per request',
    unit: 'connections',
  },
  poolSize: { min: 0, max: 1000, integer: true, setting: 'pool_size', unit: 'connections' },
  maxOverflow: { min: -1, max: 1000, integer: true, setting: 'max_overflow', unit: 'connections' },
  poolTimeoutSeconds: {
    min: 0,
    max: 3600,
    integer: false,
    setting: 'pool_timeout',
    unit: 's',
  },
  tasks: { min: 0, max: 1000, integer: true, setting: 'desired tasks', unit: 'tasks' },
  maximumPercent: {
    min: 100,
    max: 400,
    integer: true,
    setting: 'maximumPercent',
    unit: '%',
  },
  minimumHealthyPercent: {
    min: 0,
    max: 100,
    integer: true,
    setting: 'minimumHealthyPercent',
    unit: '%',
  },
  otherConnections: {
    min: 0,
    max: 10_000,
    integer: true,
    setting: 'other connections',
    unit: 'connections',
  },
  maxConnections: {
    min: 1,
    max: 262_143,
    integer: true,
    setting: 'max_connections',
    unit: 'connections',
  },
  superuserReservedConnections: {
    min: 0,
    max: 262_142,
    integer: true,
    setting: 'superuser_reserved_connections',
    unit: 'connections',
  },
  reservedConnections: {
    min: 0,
    max: 262_142,
    integer: true,
    setting: 'reserved_connections',
    unit: 'connections',
  },
  memoryPerWorkerMiB: {
    min: 1,
    max: 65_536,
    integer: false,
    setting: 'memory per worker',
    unit: 'MiB',
  },
  masterMemoryMiB: { min: 0, max: 65_536, integer: false, setting: 'master memory', unit: 'MiB' },
  preloadSharedFraction: {
    min: 0,
    max: 0.95,
    integer: false,
    setting: 'shared with preload_app',
    unit: 'fraction',
  },
  containerMemoryMiB: {
    min: 64,
    max: 122_880,
    integer: false,
    setting: 'container memory limit',
    unit: 'MiB',
  },
};

export const PGBOUNCER_RANGES: Readonly<Record<PgBouncerNumericKey, NumberFieldRange>> = {
  defaultPoolSize: {
    min: 1,
    max: 10_000,
    integer: true,
    setting: 'default_pool_size',
    unit: 'connections',
  },
  reservePoolSize: {
    min: 0,
    max: 10_000,
    integer: true,
    setting: 'reserve_pool_size',
    unit: 'connections',
  },
  maxClientConn: {
    min: 1,
    max: 1_000_000,
    integer: true,
    setting: 'max_client_conn',
    unit: 'connections',
  },
  maxDbConnections: {
    min: 0,
    max: 100_000,
    integer: true,
    setting: 'max_db_connections',
    unit: 'connections',
  },
  maxPreparedStatements: {
    min: 0,
    max: 100_000,
    integer: true,
    setting: 'max_prepared_statements',
    unit: 'statements',
  },
};

export interface NormalizedCapacityInput {
  readonly settings: CapacitySettings;
  /** One plain sentence per value that was replaced, clamped or ignored. */
  readonly messages: readonly string[];
}

const MAX_SHOWN_LENGTH = 24;

/** A short, printable rendering of an untrusted value for a message (never markup). */
function describeValue(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value);
  else if (typeof value === 'number' || typeof value === 'boolean') text = String(value);
  else if (value === null) text = 'null';
  else if (Array.isArray(value)) text = 'a list';
  else text = `a ${typeof value}`;
  return text.length > MAX_SHOWN_LENGTH ? `${text.slice(0, MAX_SHOWN_LENGTH)}…` : text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a number from a number or a numeric string (form fields deliver strings); null otherwise. */
export function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '' && value.length <= 40) {
    const parsed = Number(value.trim());
    return Number.isFinite(parsed) ? parsed : null;
  }
  return null;
}

function normalizeNumber(
  raw: unknown,
  fallback: number,
  range: NumberFieldRange,
  messages: string[],
): number {
  if (raw === undefined) return fallback;
  const parsed = toNumber(raw);
  if (parsed === null) {
    messages.push(`${range.setting}: ${describeValue(raw)} is not a number; using ${fallback}.`);
    return fallback;
  }
  let value = range.integer ? Math.round(parsed) : parsed;
  if (range.integer && value !== parsed) {
    messages.push(`${range.setting}: ${parsed} is not a whole number; using ${value}.`);
  }
  if (value < range.min) {
    messages.push(
      `${range.setting}: ${value} is below the minimum ${range.min}; using ${range.min}.`,
    );
    value = range.min;
  } else if (value > range.max) {
    messages.push(
      `${range.setting}: ${value} is above the largest value this calculator models (${range.max}); using ${range.max}.`,
    );
    value = range.max;
  }
  // Avoid -0 showing up in fields and URLs.
  return value === 0 ? 0 : value;
}

function normalizeChoice<T extends string>(
  raw: unknown,
  fallback: T,
  choices: readonly T[],
  setting: string,
  messages: string[],
): T {
  if (raw === undefined) return fallback;
  const match = choices.find((choice) => choice === raw);
  if (match === undefined) {
    messages.push(
      `${setting}: ${describeValue(raw)} is not one of ${choices.join(', ')}; using ${fallback}.`,
    );
    return fallback;
  }
  return match;
}

function normalizeBoolean(
  raw: unknown,
  fallback: boolean,
  setting: string,
  messages: string[],
): boolean {
  if (raw === undefined) return fallback;
  if (typeof raw === 'boolean') return raw;
  if (raw === 'true' || raw === 1) return true;
  if (raw === 'false' || raw === 0) return false;
  messages.push(`${setting}: ${describeValue(raw)} is not true or false; using ${fallback}.`);
  return fallback;
}

function normalizePgBouncer(raw: unknown, messages: string[]): PgBouncerSettings | null {
  if (raw === undefined || raw === null || raw === false) return null;
  if (raw === true) return PGBOUNCER_DEFAULTS;
  if (!isRecord(raw)) {
    messages.push(`pgbouncer: ${describeValue(raw)} is not a set of settings; PgBouncer is off.`);
    return null;
  }
  const d = PGBOUNCER_DEFAULTS;
  const number = (key: PgBouncerNumericKey): number =>
    normalizeNumber(raw[key], d[key], PGBOUNCER_RANGES[key], messages);
  return {
    poolMode: normalizeChoice(
      raw['poolMode'],
      d.poolMode,
      PGBOUNCER_POOL_MODES,
      'pool_mode',
      messages,
    ),
    defaultPoolSize: number('defaultPoolSize'),
    reservePoolSize: number('reservePoolSize'),
    maxClientConn: number('maxClientConn'),
    maxDbConnections: number('maxDbConnections'),
    maxPreparedStatements: number('maxPreparedStatements'),
    placement: normalizeChoice(
      raw['placement'],
      d.placement,
      PGBOUNCER_PLACEMENTS,
      'PgBouncer placement',
      messages,
    ),
  };
}

function normalizeRdsClass(raw: unknown, messages: string[]): string | null {
  if (raw === undefined || raw === null || raw === '') return null;
  const match = RDS_INSTANCE_CLASS_NAMES.find((name) => name === raw);
  if (match === undefined) {
    messages.push(
      `RDS instance class: ${describeValue(raw)} is not in the calculator's table; using max_connections instead.`,
    );
    return null;
  }
  return match;
}

/**
 * Validates and clamps raw input. Anything that is not an object gives the defaults and a
 * message; unknown keys are ignored. Cross-field rule: PostgreSQL needs
 * superuser_reserved_connections + reserved_connections < max_connections
 * (runtime-config-connection), so the reserved counts are reduced to fit.
 */
export function normalizeCapacityInput(raw: unknown): NormalizedCapacityInput {
  const messages: string[] = [];
  if (!isRecord(raw)) {
    messages.push('The scenario is not a set of settings; using the defaults.');
    return { settings: CAPACITY_DEFAULTS, messages };
  }
  const d = CAPACITY_DEFAULTS;
  const number = (key: CapacityNumericKey): number =>
    normalizeNumber(raw[key], d[key], CAPACITY_RANGES[key], messages);
  const maxConnections = number('maxConnections');
  let superuserReservedConnections = number('superuserReservedConnections');
  let reservedConnections = number('reservedConnections');
  if (superuserReservedConnections + reservedConnections >= maxConnections) {
    reservedConnections = Math.max(0, Math.min(reservedConnections, maxConnections - 1));
    superuserReservedConnections = Math.max(0, maxConnections - 1 - reservedConnections);
    messages.push(
      `superuser_reserved_connections + reserved_connections must be below max_connections (${maxConnections}); using ${superuserReservedConnections} + ${reservedConnections}.`,
    );
  }
  const settings: CapacitySettings = {
    vcpus: number('vcpus'),
    workers: number('workers'),
    workerClass: normalizeChoice(
      raw['workerClass'],
      d.workerClass,
      WORKER_CLASSES,
      'worker_class',
      messages,
    ),
    threads: number('threads'),
    workerConnections: number('workerConnections'),
    connectionsPerRequest: number('connectionsPerRequest'),
    poolSize: number('poolSize'),
    maxOverflow: number('maxOverflow'),
    poolTimeoutSeconds: number('poolTimeoutSeconds'),
    tasks: number('tasks'),
    maximumPercent: number('maximumPercent'),
    minimumHealthyPercent: number('minimumHealthyPercent'),
    otherConnections: number('otherConnections'),
    maxConnections,
    superuserReservedConnections,
    reservedConnections,
    rdsInstanceClass: normalizeRdsClass(raw['rdsInstanceClass'], messages),
    pgbouncer: normalizePgBouncer(raw['pgbouncer'], messages),
    serverSidePreparedStatements: normalizeBoolean(
      raw['serverSidePreparedStatements'],
      d.serverSidePreparedStatements,
      'server-side prepared statements',
      messages,
    ),
    memoryPerWorkerMiB: number('memoryPerWorkerMiB'),
    masterMemoryMiB: number('masterMemoryMiB'),
    preloadApp: normalizeBoolean(raw['preloadApp'], d.preloadApp, 'preload_app', messages),
    preloadSharedFraction: number('preloadSharedFraction'),
    containerMemoryMiB: number('containerMemoryMiB'),
  };
  return { settings, messages };
}
