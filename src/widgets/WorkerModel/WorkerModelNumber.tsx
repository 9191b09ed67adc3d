/**
 * A labelled number field for settings whose range is too wide for a slider (backlog,
 * worker_connections, seed). The value is applied when the field is committed (Enter or leaving
 * it) and clamped into range.
 */
import { WorkerModelHint } from './WorkerModelHint';
import './WorkerModelField.css';
export interface WorkerModelNumberProps {
  id: string;
  label: string;
  value: number;
  min: number;
  max: number;
  /** Brings any number into the setting's range. */
  clamp: (value: number) => number;
  onChange: (value: number) => void;
  hint?: string;
  docHref?: string;
  docLabel?: string;
}

export function WorkerModelNumber(props: WorkerModelNumberProps) {
  const { id, label, value, min, max, clamp, onChange, hint, docHref, docLabel } = props;
  const hintId = `${id}-hint`;
  return (
    <div class="wm-field">
      <label for={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={1}
        value={value}
        aria-describedby={hint === undefined && docHref === undefined ? undefined : hintId}
        onChange={(event) => {
          const parsed = Number(event.currentTarget.value);
          if (event.currentTarget.value.trim() === '' || !Number.isFinite(parsed)) {
            event.currentTarget.value = String(value);
            return;
          }
          const clamped = clamp(parsed);
          event.currentTarget.value = String(clamped);
          onChange(clamped);
        }}
      />
      <WorkerModelHint id={hintId} hint={hint} docHref={docHref} docLabel={docLabel} />
    </div>
  );
}
