/** A labelled whole-number field; an empty field is NaN, which every checker rejects. */
function readNumber(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

export function numberValue(value: number): string {
  return Number.isFinite(value) ? String(value) : '';
}

export interface ExerciseNumberFieldProps {
  id: string;
  label: string;
  value: number;
  min: number;
  max: number;
  unit?: string;
  onInput: (value: number) => void;
}

export function ExerciseNumberField(props: ExerciseNumberFieldProps) {
  return (
    <div class="ex-field">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="number"
        inputMode="numeric"
        min={props.min}
        max={props.max}
        step={1}
        value={numberValue(props.value)}
        onInput={(event) => {
          props.onInput(readNumber(event.currentTarget.value));
        }}
      />
      {props.unit ? <span class="ex-unit">{props.unit}</span> : null}
    </div>
  );
}

export default ExerciseNumberField;
