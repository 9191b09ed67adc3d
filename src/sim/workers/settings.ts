/**
 * The flat, URL-friendly settings behind the worker-model widget, the three story presets, and
 * the mapping from settings to a full simulation scenario.
 *
 * Every field is clamped to a range the simulation handles quickly; `validateWorkerSettings`
 * rejects anything structurally wrong (the widget then keeps its last good state).
 */
import {
  GUNICORN_DEFAULTS,
  SQLALCHEMY_POOL_DEFAULTS,
  WORKER_CLASSES,
  type WorkerClass,
  type WorkerScenario,
} from './scenario';

/** Which variants the latency-vs-load chart compares. */
export type CompareBy = 'workers' | 'workerClass' | 'none';
export const COMPARE_OPTIONS: readonly CompareBy[] = ['workers', 'workerClass', 'none'];

export type ArrivalKind = 'poisson' | 'bursts';

export interface WorkerSettings {
  readonly workerClass: WorkerClass;
  readonly workers: number;
  readonly cores: number;
  readonly threads: number;
  readonly workerConnections: number;
  readonly arrivalKind: ArrivalKind;
  /** Mean arrival rate; for bursts, the rate averaged over the burst period. */
  readonly ratePerSecond: number;
  readonly burstSize: number;
  readonly cpuMs: number;
  readonly ioMs: number;
  readonly usesDb: boolean;
  /** Share of requests that hit the slow endpoint, in percent. */
  readonly slowPercent: number;
  /** IO wait of the slow endpoint (fixed, not random, so the story is sharp), seconds. */
  readonly slowIoSeconds: number;
  readonly poolSize: number;
  readonly maxOverflow: number;
  readonly poolTimeoutSeconds: number;
  readonly timeoutSeconds: number;
  readonly backlog: number;
  readonly durationSeconds: number;
  readonly seed: number;
  readonly compare: CompareBy;
}

export type WorkerPresetName = 'cpu-bound' | 'io-heavy' | 'slow-endpoint';
export const WORKER_PRESET_NAMES: readonly WorkerPresetName[] = [
  'cpu-bound',
  'io-heavy',
  'slow-endpoint',
];

interface NumberRange {
  readonly min: number;
  readonly max: number;
  readonly step: number;
}

/** The range and step of every numeric setting (the sliders use the same numbers). */
export const SETTING_RANGES = {
  workers: { min: 1, max: 32, step: 1 },
  cores: { min: 1, max: 16, step: 1 },
  threads: { min: 1, max: 64, step: 1 },
  workerConnections: { min: 1, max: 2000, step: 1 },
  ratePerSecond: { min: 1, max: 2000, step: 1 },
  burstSize: { min: 1, max: 5000, step: 1 },
  cpuMs: { min: 0, max: 2000, step: 1 },
  ioMs: { min: 0, max: 10_000, step: 5 },
  slowPercent: { min: 0, max: 50, step: 0.5 },
  slowIoSeconds: { min: 1, max: 120, step: 1 },
  poolSize: { min: 0, max: 100, step: 1 },
  maxOverflow: { min: -1, max: 100, step: 1 },
  poolTimeoutSeconds: { min: 1, max: 120, step: 1 },
  timeoutSeconds: { min: 0, max: 300, step: 1 },
  backlog: { min: 1, max: 65_535, step: 1 },
  durationSeconds: { min: 5, max: 600, step: 5 },
  seed: { min: 0, max: 0xffff_ffff, step: 1 },
} as const satisfies Record<string, NumberRange>;

export type NumericSetting = keyof typeof SETTING_RANGES;

const BASE: WorkerSettings = {
  workerClass: GUNICORN_DEFAULTS.workerClass,
  workers: 4,
  cores: 2,
  threads: 8,
  workerConnections: GUNICORN_DEFAULTS.workerConnections,
  arrivalKind: 'poisson',
  ratePerSecond: 40,
  burstSize: 50,
  cpuMs: 40,
  ioMs: 0,
  usesDb: false,
  slowPercent: 0,
  slowIoSeconds: 35,
  poolSize: SQLALCHEMY_POOL_DEFAULTS.poolSize,
  maxOverflow: SQLALCHEMY_POOL_DEFAULTS.maxOverflow,
  poolTimeoutSeconds: SQLALCHEMY_POOL_DEFAULTS.poolTimeoutMs / 1000,
  timeoutSeconds: GUNICORN_DEFAULTS.timeoutSeconds,
  backlog: GUNICORN_DEFAULTS.backlog,
  durationSeconds: 60,
  seed: 1,
  compare: 'none',
};

/**
 * The three stories of chapters 3 and 7:
 * - cpu-bound: 40 ms of Python CPU per request on 2 cores; compare 2, 4, 8 and 16 sync workers.
 * - io-heavy: 5 ms CPU and 150 ms waiting on an upstream API; compare sync, gthread and gevent.
 * - slow-endpoint: 1 % of requests wait 35 s on the database (longer than Gunicorn's 30 s
 *   timeout) while holding a pooled connection; pool_size 5 and max_overflow 0 starve the rest.
 */
export const WORKER_PRESETS: Readonly<Record<WorkerPresetName, WorkerSettings>> = {
  'cpu-bound': {
    ...BASE,
    workers: 4,
    cores: 2,
    cpuMs: 40,
    ioMs: 0,
    ratePerSecond: 45,
    compare: 'workers',
  },
  'io-heavy': {
    ...BASE,
    workers: 4,
    cores: 2,
    threads: 8,
    cpuMs: 5,
    ioMs: 150,
    ratePerSecond: 60,
    compare: 'workerClass',
  },
  'slow-endpoint': {
    ...BASE,
    workerClass: 'gthread',
    workers: 2,
    cores: 2,
    threads: 16,
    cpuMs: 10,
    ioMs: 40,
    usesDb: true,
    slowPercent: 1,
    slowIoSeconds: 35,
    poolSize: 5,
    maxOverflow: 0,
    ratePerSecond: 40,
    durationSeconds: 120,
    compare: 'workerClass',
  },
};

export function isWorkerPresetName(value: unknown): value is WorkerPresetName {
  return typeof value === 'string' && (WORKER_PRESET_NAMES as readonly string[]).includes(value);
}

/** Clamps a number into a setting's range and snaps it to the step; NaN becomes the minimum. */
export function clampSetting(name: NumericSetting, value: number): number {
  const range: NumberRange = SETTING_RANGES[name];
  if (!Number.isFinite(value)) return value === Infinity ? range.max : range.min;
  const snapped = Math.round((value - range.min) / range.step) * range.step + range.min;
  const clamped = Math.min(range.max, Math.max(range.min, snapped));
  // Round away binary noise from the step arithmetic (0.5 steps and the like).
  return Math.round(clamped * 1000) / 1000;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks settings that came from outside (a URL). Returns null when the value is not an object
 * or a field has the wrong type or an unknown enum value; clamps numbers that are out of range.
 * Missing fields take the preset-independent defaults.
 */
export function validateWorkerSettings(raw: unknown): WorkerSettings | null {
  if (!isRecord(raw)) return null;
  const numbers: Partial<Record<NumericSetting, number>> = {};
  for (const name of Object.keys(SETTING_RANGES) as NumericSetting[]) {
    const value = raw[name];
    if (value === undefined) continue;
    if (typeof value !== 'number' || Number.isNaN(value)) return null;
    numbers[name] = clampSetting(name, value);
  }
  const workerClass = raw['workerClass'] ?? BASE.workerClass;
  if (
    typeof workerClass !== 'string' ||
    !(WORKER_CLASSES as readonly string[]).includes(workerClass)
  ) {
    return null;
  }
  const arrivalKind = raw['arrivalKind'] ?? BASE.arrivalKind;
  if (arrivalKind !== 'poisson' && arrivalKind !== 'bursts') return null;
  const compare = raw['compare'] ?? BASE.compare;
  if (typeof compare !== 'string' || !(COMPARE_OPTIONS as readonly string[]).includes(compare)) {
    return null;
  }
  const usesDb = raw['usesDb'] ?? BASE.usesDb;
  if (typeof usesDb !== 'boolean') return null;
  return {
    ...BASE,
    ...numbers,
    seed: Math.floor(numbers.seed ?? BASE.seed),
    workerClass: workerClass as WorkerClass,
    arrivalKind,
    compare: compare as CompareBy,
    usesDb,
  };
}

/** The mean CPU and IO time of one request over the whole mix, milliseconds. */
export function computeMixMeans(settings: WorkerSettings): { cpuMs: number; ioMs: number } {
  const slow = settings.slowPercent / 100;
  return {
    cpuMs: settings.cpuMs,
    ioMs: (1 - slow) * settings.ioMs + slow * settings.slowIoSeconds * 1000,
  };
}

/** The most arrivals one widget run simulates; longer runs are shortened to fit. */
export const MAX_REQUESTS_PER_RUN = 200_000;

export interface ScenarioOptions {
  /** Overrides the settings' arrival rate (the load sweep uses this). */
  readonly ratePerSecond?: number;
  /** Caps the number of requests so a sweep point stays cheap. */
  readonly maxRequests?: number;
  readonly recordProcesses?: boolean;
  readonly durationMs?: number;
}

/** Builds the full simulation scenario for a set of widget settings. */
export function buildScenario(
  settings: WorkerSettings,
  options: ScenarioOptions = {},
): WorkerScenario {
  const ratePerSecond = options.ratePerSecond ?? settings.ratePerSecond;
  const maxRequests = options.maxRequests ?? MAX_REQUESTS_PER_RUN;
  // Shorten the window rather than cut arrivals off inside it, so that rates stay honest.
  const durationMs = Math.min(
    options.durationMs ?? settings.durationSeconds * 1000,
    (maxRequests / ratePerSecond) * 1000,
  );
  const burstEveryMs = (settings.burstSize / ratePerSecond) * 1000;
  return {
    seed: settings.seed,
    durationMs,
    maxRequests,
    arrivals:
      settings.arrivalKind === 'poisson'
        ? { kind: 'poisson', ratePerSecond }
        : { kind: 'bursts', burstSize: settings.burstSize, burstEveryMs },
    mix: [
      {
        name: 'normal',
        weight: 100 - settings.slowPercent,
        cpuMs: settings.cpuMs,
        ioMs: settings.ioMs,
        usesDb: settings.usesDb,
        variability: 'exponential',
      },
      {
        name: 'slow',
        weight: settings.slowPercent,
        cpuMs: settings.cpuMs,
        ioMs: settings.slowIoSeconds * 1000,
        usesDb: settings.usesDb,
        variability: 'fixed',
      },
    ],
    cores: settings.cores,
    workers: settings.workers,
    workerClass: settings.workerClass,
    threads: settings.threads,
    workerConnections: settings.workerConnections,
    poolSize: settings.poolSize,
    maxOverflow: settings.maxOverflow,
    poolTimeoutMs: settings.poolTimeoutSeconds * 1000,
    timeoutSeconds: settings.timeoutSeconds,
    restartMs: 1000,
    backlog: settings.backlog,
    sampleEveryMs: Math.max(10, Math.round(durationMs / 400)),
    recordProcesses: options.recordProcesses ?? false,
  };
}
