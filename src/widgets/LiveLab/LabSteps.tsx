/** The boot steps as a list with a text marker for each (done, in progress, waiting). */
import { BOOT_STEP_LABELS, type BootStep } from '../../runtime/webcontainer/lab-types';
import type { LabState } from '../../runtime/webcontainer/lab-controller';

type Step = 'preflight' | BootStep;
const STEPS: readonly Step[] = [
  'preflight',
  'loading-api',
  'booting',
  'mounting',
  'starting-chain',
];
const LABELS: Readonly<Record<Step, string>> = {
  preflight: 'Checking this browser (cross-origin isolation, SharedArrayBuffer)',
  ...BOOT_STEP_LABELS,
};

function currentIndex(state: LabState): number {
  if (state.status === 'preflight') return 0;
  if (state.status === 'booting') return STEPS.indexOf(state.step);
  if (state.status === 'ready') return STEPS.length;
  return -1;
}

export function LabSteps({ state }: { state: LabState }) {
  const at = currentIndex(state);
  return (
    <ol class="lab-steps">
      {STEPS.map((step, i) => {
        const mark = i < at ? 'done' : i === at ? 'in progress' : 'waiting';
        return (
          <li key={step} class={`lab-step lab-step-${mark.replace(' ', '-')}`}>
            <span class="lab-step-mark" aria-hidden="true">
              {i < at ? '✔' : i === at ? '…' : '○'}
            </span>{' '}
            {LABELS[step]} <span class="lab-step-state">({mark})</span>
          </li>
        );
      })}
    </ol>
  );
}
