/**
 * Memory of one task against the container limit: master, the part shared through preload_app,
 * the workers, and (hatched) the extra a HUP reload adds while old and new workers overlap.
 */
import type { CapacityResult } from '../../sim/capacity/capacity';

export interface CapacityMemoryBarProps {
  idPrefix: string;
  result: CapacityResult;
}

const WIDTH = 420;
const LEFT = 58;
const RIGHT = 12;

function mib(value: number): string {
  return `${Math.round(value)} MiB`;
}

export function CapacityMemoryBar({ idPrefix, result }: CapacityMemoryBarProps) {
  const m = result.memory;
  const s = result.settings;
  const workersMiB = s.workers * m.privatePerWorkerMiB;
  const reloadExtra = m.reloadPerTaskMiB - m.perTaskMiB;
  const scaleMax = Math.max(m.limitMiB, m.reloadPerTaskMiB, 1) * 1.08;
  const plot = WIDTH - LEFT - RIGHT;
  const x = (value: number): number => LEFT + (Math.max(0, value) / scaleMax) * plot;
  const hatch = `${idPrefix}-mem-hatch`;
  const limitX = x(m.limitMiB);
  const verdictWord =
    m.verdict === 'oom' ? 'Out of memory' : m.verdict === 'tight' ? 'Tight' : 'Fits';
  const summary = `${verdictWord}: ${mib(m.perTaskMiB)} per task against a ${mib(m.limitMiB)} limit; ${mib(m.reloadPerTaskMiB)} during a HUP reload.`;

  const segments = [
    { key: 'master', from: 0, to: s.masterMemoryMiB, cls: 'cap-seg-other' },
    {
      key: 'shared',
      from: s.masterMemoryMiB,
      to: s.masterMemoryMiB + m.sharedMiB,
      cls: 'cap-seg-available',
    },
    {
      key: 'workers',
      from: s.masterMemoryMiB + m.sharedMiB,
      to: m.perTaskMiB,
      cls: 'cap-seg-steady',
    },
  ];

  return (
    <div class="cap-chart">
      <svg class="cap-svg" viewBox={`0 0 ${WIDTH} 70`} role="img" aria-label={summary}>
        <defs>
          <pattern id={hatch} width="8" height="8" patternUnits="userSpaceOnUse">
            <rect width="8" height="8" class="cap-pattern-bg-warn" />
            <path d="M0 8 L8 0" class="cap-pattern-line" />
          </pattern>
        </defs>
        <text x="4" y="30" class="cap-svg-label">
          memory
        </text>
        <rect x={LEFT} y="12" width={plot} height="26" class="cap-track" />
        {segments.map((segment) =>
          segment.to > segment.from ? (
            <rect
              key={segment.key}
              x={x(segment.from)}
              y="12"
              width={Math.max(1, x(segment.to) - x(segment.from))}
              height="26"
              class={segment.cls}
            />
          ) : null,
        )}
        {reloadExtra > 0 ? (
          <rect
            x={x(m.perTaskMiB)}
            y="12"
            width={Math.max(1, x(m.reloadPerTaskMiB) - x(m.perTaskMiB))}
            height="26"
            fill={`url(#${hatch})`}
            class="cap-seg-surge"
          />
        ) : null}
        <line x1={limitX} x2={limitX} y1="4" y2="46" class="cap-limit-line" />
        <text
          x={limitX}
          y="62"
          class="cap-svg-label"
          text-anchor={limitX > WIDTH * 0.6 ? 'end' : 'start'}
        >
          {`limit ${mib(m.limitMiB)}`}
        </text>
      </svg>
      <ul class="cap-legend">
        <li>
          <span class="cap-swatch cap-swatch-other" aria-hidden="true" /> Master:{' '}
          <strong>{mib(s.masterMemoryMiB)}</strong>
        </li>
        {m.sharedMiB > 0 ? (
          <li>
            <span class="cap-swatch cap-swatch-available" aria-hidden="true" /> Shared through{' '}
            <code>preload_app</code> (counted once): <strong>{mib(m.sharedMiB)}</strong>
          </li>
        ) : null}
        <li>
          <span class="cap-swatch cap-swatch-steady" aria-hidden="true" /> {s.workers} worker
          {s.workers === 1 ? '' : 's'} × {mib(m.privatePerWorkerMiB)}:{' '}
          <strong>{mib(workersMiB)}</strong>
        </li>
        <li>
          <span class="cap-swatch cap-swatch-surge" aria-hidden="true" /> Extra during a HUP reload
          (workers doubled): <strong>{mib(reloadExtra)}</strong>
        </li>
      </ul>
      <p
        class={`cap-memory-verdict cap-tone-${m.verdict === 'oom' ? 'bad' : m.verdict === 'tight' ? 'warn' : 'ok'}`}
      >
        <strong>{verdictWord}:</strong> {mib(m.perTaskMiB)} of {mib(m.limitMiB)} per task (
        {mib(Math.abs(m.headroomMiB))} {m.headroomMiB >= 0 ? 'spare' : 'over'}).{' '}
        {m.largestWorkersThatFit === null
          ? ''
          : `At most ${m.largestWorkersThatFit} worker${m.largestWorkersThatFit === 1 ? '' : 's'} fit this limit.`}
      </p>
    </div>
  );
}

export default CapacityMemoryBar;
