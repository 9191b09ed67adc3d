/**
 * One labelled range input with its value shown as text, an optional hint and a link to the
 * setting's official documentation. Arrow keys, Page Up/Down, Home and End all work (native).
 */
import { WorkerModelHint } from './WorkerModelHint';
import './WorkerModelField.css';
export interface WorkerModelSliderProps {
  id: string;
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  /** Formats the value for display, e.g. `40 ms`. */
  format: (value: number) => string;
  onChange: (value: number) => void;
  hint?: string;
  docHref?: string;
  docLabel?: string;
  disabled?: boolean;
}

export function WorkerModelSlider(props: WorkerModelSliderProps) {
  const { id, label, value, min, max, step, format, onChange, hint, docHref, docLabel, disabled } =
    props;
  const hintId = `${id}-hint`;
  const text = format(value);
  return (
    <div class={disabled === true ? 'wm-field wm-field-disabled' : 'wm-field'}>
      <div class="wm-field-head">
        <label for={id}>{label}</label>
        {/* Screen readers get the value from aria-valuetext; this is the visible copy. */}
        <span class="wm-value" aria-hidden="true">
          {text}
        </span>
        {disabled === true ? <span class="wm-unused">(not used with these settings)</span> : null}
      </div>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={step}
        value={value}
        aria-valuetext={text}
        aria-describedby={hint === undefined ? undefined : hintId}
        disabled={disabled}
        onInput={(event) => {
          onChange(Number(event.currentTarget.value));
        }}
      />
      <WorkerModelHint id={hintId} hint={hint} docHref={docHref} docLabel={docLabel} />
    </div>
  );
}
