import type { CapacityField } from '../../sim/training/types';

/** Labels with the real setting names, for the capacity exercises. */
export const FIELD_LABELS: Readonly<Record<CapacityField, string>> = {
  vcpus: 'vCPUs per task',
  workers: 'Gunicorn workers per task',
  threads: 'Gunicorn threads per worker',
  poolSize: 'SQLAlchemy pool_size',
  maxOverflow: 'SQLAlchemy max_overflow',
  tasks: 'ECS desired tasks',
  maximumPercent: 'ECS maximumPercent',
  minimumHealthyPercent: 'ECS minimumHealthyPercent',
  otherConnections: 'Other connections (cron, admin)',
  maxConnections: 'PostgreSQL max_connections',
  containerMemoryMiB: 'Container memory (MiB)',
};
