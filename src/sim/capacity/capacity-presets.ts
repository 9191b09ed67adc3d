/**
 * Starting scenarios for the capacity widget. Each changes only what makes it different; every
 * other field keeps its real default (see CAPACITY_DEFAULTS).
 */
import { resolveCapacityInput, type CapacityInput, type CapacitySettings } from './capacity';

export const CAPACITY_PRESET_IDS = [
  'guide-example',
  'small-fargate',
  'gthread-app',
  'gevent-pgbouncer',
  'rds-t4g-micro',
] as const;
export type CapacityPresetId = (typeof CAPACITY_PRESET_IDS)[number];

export interface CapacityPreset {
  readonly id: CapacityPresetId;
  readonly label: string;
  readonly description: string;
  readonly input: CapacityInput;
}

export const CAPACITY_PRESETS: readonly CapacityPreset[] = [
  {
    id: 'guide-example',
    label: "The guide's example",
    description:
      'pool_size 5 × 8 workers × 4 tasks: 8 sync workers (2 × 4 vCPU), SQLAlchemy and PostgreSQL defaults.',
    input: { vcpus: 4, workers: 8, tasks: 4, memoryPerWorkerMiB: 150, containerMemoryMiB: 2048 },
  },
  {
    id: 'small-fargate',
    label: 'Small Fargate service',
    description: '0.5 vCPU and 1 GiB per task, 2 sync workers, 2 tasks.',
    input: { vcpus: 0.5, workers: 2, tasks: 2, memoryPerWorkerMiB: 180, containerMemoryMiB: 1024 },
  },
  {
    id: 'gthread-app',
    label: 'gthread app',
    description:
      '4 workers × 8 threads on 2 vCPU, 2 tasks, 5 connections for migrations and monitoring.',
    input: {
      vcpus: 2,
      workers: 4,
      workerClass: 'gthread',
      threads: 8,
      tasks: 2,
      otherConnections: 5,
      memoryPerWorkerMiB: 200,
      containerMemoryMiB: 2048,
    },
  },
  {
    id: 'gevent-pgbouncer',
    label: 'gevent app with PgBouncer',
    description:
      '2 gevent workers per task, 4 tasks, one shared PgBouncer in transaction mode, psycopg 3 prepared statements.',
    input: {
      vcpus: 1,
      workers: 2,
      workerClass: 'gevent',
      tasks: 4,
      serverSidePreparedStatements: true,
      pgbouncer: { poolMode: 'transaction', maxClientConn: 1000 },
      memoryPerWorkerMiB: 160,
      containerMemoryMiB: 1024,
    },
  },
  {
    id: 'rds-t4g-micro',
    label: 'RDS db.t4g.micro',
    description:
      '3 gthread workers × 4 threads on 1 vCPU, 3 tasks, against the smallest Graviton RDS class.',
    input: {
      vcpus: 1,
      workers: 3,
      workerClass: 'gthread',
      threads: 4,
      tasks: 3,
      otherConnections: 5,
      rdsInstanceClass: 'db.t4g.micro',
      memoryPerWorkerMiB: 150,
      containerMemoryMiB: 1024,
    },
  },
];

export const DEFAULT_CAPACITY_PRESET: CapacityPresetId = 'guide-example';

/** Whether a string names a preset (for the widget's `preset` prop). */
export function isCapacityPresetId(value: string): value is CapacityPresetId {
  return CAPACITY_PRESET_IDS.some((id) => id === value);
}

/** The full settings of a preset (unknown ids give the guide's example). */
export function settingsForPreset(id: string): CapacitySettings {
  const preset =
    CAPACITY_PRESETS.find((p) => p.id === id) ??
    CAPACITY_PRESETS.find((p) => p.id === DEFAULT_CAPACITY_PRESET);
  return resolveCapacityInput(preset?.input ?? {});
}
