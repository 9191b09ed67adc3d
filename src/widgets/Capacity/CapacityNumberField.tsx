/**
 * A labelled slider plus an exact number field with its unit. The slider covers the useful
 * range; the number field accepts anything and leaves validation to the parent, which clamps
 * and explains. While the reader types, the field keeps their text; in-range values apply at
 * once, everything else when the field is committed (Enter or leaving it).
 */
import { useState } from 'preact/hooks';

export interface CapacityNumberFieldProps {
  id: string;
  /** The real setting's name, shown in code type (e.g. `pool_size`). */
  setting: string;
  /** True when `setting` is plain words rather than a real setting's name (no code type). */
  plain?: boolean;
  /** Plain words after the setting name (e.g. "per worker"). */
  text: string;
  unit: string;
  value: number;
  min: number;
  max: number;
  step: number;
  sliderMin: number;
  sliderMax: number;
  integer: boolean;
  disabled?: boolean;
  hint?: string;
  /** A finished edit: a number from the slider or the raw text of the number field. */
  onCommit: (raw: number | string) => void;
}

export function CapacityNumberField(props: CapacityNumberFieldProps) {
  const { id, setting, text, unit, value, min, max, step, sliderMin, sliderMax, integer } = props;
  const [draft, setDraft] = useState<string | null>(null);
  const name = `${setting} ${text}`.trim();
  const hintId = `${id}-hint`;

  const onInput = (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const typed = input.value;
    setDraft(typed);
    const parsed = Number(typed);
    const usable =
      typed.trim() !== '' &&
      Number.isFinite(parsed) &&
      parsed >= min &&
      parsed <= max &&
      (!integer || Number.isInteger(parsed));
    if (usable && parsed !== value) props.onCommit(parsed);
  };

  const onChange = (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    props.onCommit(input.value);
    setDraft(null);
  };

  return (
    <div class="cap-field">
      <label class="cap-field-label" for={id}>
        {props.plain ? setting : <code>{setting}</code>} {text}
      </label>
      <div class="cap-field-inputs">
        <input
          type="range"
          class="cap-slider"
          aria-label={`${name}, slider`}
          min={sliderMin}
          max={sliderMax}
          step={step}
          value={Math.min(Math.max(value, sliderMin), sliderMax)}
          disabled={props.disabled}
          onInput={(event) => {
            props.onCommit(event.currentTarget.valueAsNumber);
          }}
        />
        <input
          type="number"
          class="cap-number"
          id={id}
          min={min}
          max={max}
          step={integer ? 1 : 'any'}
          value={draft ?? String(value)}
          disabled={props.disabled}
          aria-describedby={hintId}
          onInput={onInput}
          onChange={onChange}
          onBlur={() => {
            setDraft(null);
          }}
        />
        <span class="cap-unit" id={hintId}>
          {unit}
          {props.hint ? ` · ${props.hint}` : ''}
        </span>
      </div>
    </div>
  );
}

export default CapacityNumberField;
