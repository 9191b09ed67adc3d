/** A labelled single-line text input; the value is committed as typed (already bounded). */
export interface ProxyHopsTextFieldProps {
  id: string;
  label: string;
  value: string;
  maxLength?: number;
  placeholder?: string;
  onChange: (value: string) => void;
}

export function ProxyHopsTextField(props: ProxyHopsTextFieldProps) {
  const { id, label, value, maxLength = 100, placeholder, onChange } = props;
  return (
    <div class="ph-field">
      <label for={id}>{label}</label>
      <input
        id={id}
        type="text"
        value={value}
        maxLength={maxLength}
        spellcheck={false}
        autoComplete="off"
        {...(placeholder ? { placeholder } : {})}
        onInput={(event) => {
          onChange(event.currentTarget.value.slice(0, maxLength));
        }}
      />
    </div>
  );
}
