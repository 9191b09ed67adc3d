/** Small parsers for the units the platforms use, and the Val constructor for tree nodes. */
import type { Val } from '../facts';
import type { TNode } from './tree';

export function val<T>(node: TNode, value: T): Val<T> {
  return { value, file: node.tree.file, ...node.pos };
}

/**
 * Compose durations (`1m30s`, `10s`, `500ms`, `1h`): https://docs.docker.com/reference/compose-file/extension/#specifying-durations
 * A bare number is seconds. Null when not a duration.
 */
export function parseComposeDurationSeconds(text: string): number | null {
  const t = text.trim();
  if (/^[0-9]+(\.[0-9]+)?$/.test(t)) return Number(t);
  const re = /([0-9]+(?:\.[0-9]+)?)(us|ms|s|m|h)/gy;
  let total = 0;
  let matched = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(t)) !== null) {
    const n = Number(m[1]);
    const unit = m[2];
    total +=
      unit === 'h'
        ? n * 3600
        : unit === 'm'
          ? n * 60
          : unit === 's'
            ? n
            : unit === 'ms'
              ? n / 1000
              : n / 1e6;
    matched = re.lastIndex;
  }
  return matched === t.length && t.length > 0 ? total : null;
}

/**
 * Kubernetes CPU quantity (`500m`, `1`, `0.5`, `2.5`) in CPUs:
 * https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#meaning-of-cpu
 */
export function parseCpuQuantity(text: string): number | null {
  const t = text.trim();
  const m = /^([0-9]+(?:\.[0-9]+)?)(m?)$/.exec(t);
  if (!m) return null;
  const n = Number(m[1]);
  return m[2] === 'm' ? n / 1000 : n;
}

const MEMORY_UNITS: Readonly<Record<string, number>> = {
  '': 1 / 1048576,
  k: 1000 / 1048576,
  M: 1e6 / 1048576,
  G: 1e9 / 1048576,
  T: 1e12 / 1048576,
  Ki: 1 / 1024,
  Mi: 1,
  Gi: 1024,
  Ti: 1024 * 1024,
};

/**
 * Kubernetes memory quantity (`512Mi`, `1Gi`, `1G`, `128974848`) in MiB:
 * https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#meaning-of-memory
 */
export function parseMemoryQuantityMiB(text: string): number | null {
  const m = /^([0-9]+(?:\.[0-9]+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * MEMORY_UNITS[m[2] ?? '']!;
}

/**
 * ECS task CPU: CPU units as a number or string (`512`), or `0.5 vCPU` / `1 vCPU`:
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#task_size
 */
export function parseEcsCpuUnits(text: string): number | null {
  const t = text.trim();
  if (/^[0-9]+$/.test(t)) return Number(t);
  const m = /^([0-9]+(?:\.[0-9]+)?)\s*vcpu$/i.exec(t);
  return m ? Math.round(Number(m[1]) * 1024) : null;
}

/** ECS task memory: MiB as a number or string, or `1 GB` / `2GB`. */
export function parseEcsMemoryMiB(text: string): number | null {
  const t = text.trim();
  if (/^[0-9]+$/.test(t)) return Number(t);
  const m = /^([0-9]+(?:\.[0-9]+)?)\s*gb$/i.exec(t);
  return m ? Number(m[1]) * 1024 : null;
}

/** nginx time (`60s`, `1m`, `75`, `1m30s`) in seconds: https://nginx.org/en/docs/syntax.html */
export function parseNginxTimeSeconds(text: string): number | null {
  const t = text.trim();
  if (/^[0-9]+$/.test(t)) return Number(t);
  const re = /([0-9]+)(ms|s|m|h|d|w|M|y)/gy;
  const factor: Record<string, number> = {
    ms: 0.001,
    s: 1,
    m: 60,
    h: 3600,
    d: 86400,
    w: 604800,
    M: 2592000,
    y: 31536000,
  };
  let total = 0;
  let end = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(t)) !== null) {
    total += Number(m[1]) * factor[m[2]!]!;
    end = re.lastIndex;
  }
  return end === t.length && t.length > 0 ? total : null;
}
