/** The controls shared by the live lab and the simulator: chain, x_for and the client. */
import { LAB_PROXY_LABELS } from '../../runtime/webcontainer/lab-types';
import {
  CHAINS,
  cleanHeaderValue,
  MAX_X_FOR,
  type ClientMode,
  type HopCount,
  type LabControlsState,
} from './lab-state';

export interface LabControlsProps {
  /** Prefix for element ids (unique on the page). */
  idPrefix: string;
  state: LabControlsState;
  onChange: (next: LabControlsState) => void;
  disabled?: boolean;
}

const HOP_COUNTS: readonly HopCount[] = [1, 2, 3];

export function chainText(hops: HopCount): string {
  return ['Client', ...CHAINS[hops].map((kind) => LAB_PROXY_LABELS[kind]), 'Gunicorn + Flask'].join(
    ' → ',
  );
}

export function LabControls({ idPrefix, state, onChange, disabled = false }: LabControlsProps) {
  const set = (patch: Partial<LabControlsState>) => {
    onChange({ ...state, ...patch });
  };
  const modes: readonly [ClientMode, string][] = [
    ['honest', 'Honest browser (no X-Forwarded-* headers)'],
    ['forged', 'Attacker with forged headers'],
  ];
  return (
    <div class="lab-controls">
      <fieldset disabled={disabled}>
        <legend>Chain</legend>
        <label for={`${idPrefix}-hops`}>Number of proxies</label>
        <select
          id={`${idPrefix}-hops`}
          value={String(state.hops)}
          onChange={(event) => {
            const value = Number(event.currentTarget.value);
            const hops = HOP_COUNTS.find((count) => count === value) ?? state.hops;
            set({ hops });
          }}
        >
          {HOP_COUNTS.map((count) => (
            <option value={String(count)} key={count}>
              {count}: {CHAINS[count].map((kind) => LAB_PROXY_LABELS[kind]).join(' → ')}
            </option>
          ))}
        </select>
        <p class="lab-chain-text">{chainText(state.hops)}</p>
        <label for={`${idPrefix}-xfor`}>
          <code>ProxyFix(x_for=…)</code>
        </label>
        <input
          id={`${idPrefix}-xfor`}
          type="number"
          min={0}
          max={MAX_X_FOR}
          step={1}
          value={state.x_for}
          onInput={(event) => {
            const value = Math.round(Number(event.currentTarget.value));
            if (Number.isFinite(value)) set({ x_for: Math.min(MAX_X_FOR, Math.max(0, value)) });
          }}
        />
      </fieldset>
      <fieldset disabled={disabled}>
        <legend>Client</legend>
        {modes.map(([mode, text]) => (
          <label class="lab-radio" key={mode}>
            <input
              type="radio"
              name={`${idPrefix}-mode`}
              value={mode}
              checked={state.mode === mode}
              onChange={() => {
                set({ mode });
              }}
            />{' '}
            {text}
          </label>
        ))}
        <label for={`${idPrefix}-xff`}>Forged X-Forwarded-For</label>
        <input
          id={`${idPrefix}-xff`}
          type="text"
          spellcheck={false}
          autocomplete="off"
          maxLength={200}
          value={state.xff}
          disabled={state.mode !== 'forged'}
          onInput={(event) => {
            set({ xff: cleanHeaderValue(event.currentTarget.value) });
          }}
        />
        <label for={`${idPrefix}-xfp`}>Forged X-Forwarded-Proto</label>
        <input
          id={`${idPrefix}-xfp`}
          type="text"
          spellcheck={false}
          autocomplete="off"
          maxLength={200}
          value={state.xfp}
          disabled={state.mode !== 'forged'}
          onInput={(event) => {
            set({ xfp: cleanHeaderValue(event.currentTarget.value) });
          }}
        />
      </fieldset>
    </div>
  );
}
