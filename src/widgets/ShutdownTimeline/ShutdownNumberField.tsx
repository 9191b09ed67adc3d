/**
 * A labelled number input that commits on change (Enter, blur, spinner) and reports the raw
 * number; the widget clamps it through the sim's validator and says so when it had to.
 */
import { useState } from 'preact/hooks';

export interface ShutdownNumberFieldProps {
  id: string;
  label: string;
  value: number;
  min: number;
  max: number;
  step?: number;
  unit?: string;
  hint?: string;
  onCommit: (value: number) => void;
}

export function ShutdownNumberField(props: ShutdownNumberFieldProps) {
  const { id, label, value, min, max, step, unit, hint, onCommit } = props;
  const [draft, setDraft] = useState<string | null>(null);
  const hintId = `${id}-hint`;
  return (
    <div class="sdt-field">
      <label for={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        min={min}
        max={max}
        step={step ?? 'any'}
        value={draft ?? String(value)}
        aria-describedby={unit || hint ? hintId : undefined}
        onInput={(e) => {
          setDraft(e.currentTarget.value);
        }}
        onChange={(e) => {
          const parsed = Number.parseFloat(e.currentTarget.value);
          setDraft(null);
          if (Number.isFinite(parsed)) onCommit(parsed);
        }}
        onBlur={() => {
          setDraft(null);
        }}
      />
      {unit || hint ? (
        <span class="sdt-hint" id={hintId}>
          {[unit, hint].filter(Boolean).join(' · ')}
        </span>
      ) : null}
    </div>
  );
}

export default ShutdownNumberField;
