/** A labelled range input with its value shown as text (the value also goes to aria-valuetext). */
export interface AsyncViewSliderProps {
  id: string;
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  format: (value: number) => string;
  onChange: (value: number) => void;
}

export function AsyncViewSlider({
  id,
  label,
  value,
  min,
  max,
  step,
  format,
  onChange,
}: AsyncViewSliderProps) {
  const text = format(value);
  return (
    <div class="av-field">
      <div class="av-field-head">
        <label for={id}>{label}</label>
        <span class="av-value" aria-hidden="true">
          {text}
        </span>
      </div>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={step}
        value={value}
        aria-valuetext={text}
        onInput={(event) => {
          onChange(Number(event.currentTarget.value));
        }}
      />
    </div>
  );
}
