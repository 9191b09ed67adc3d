/**
 * A labelled <select> over a fixed list of options (every setting in the chain editor is one).
 */
export interface ProxyHopsSelectProps<T extends string> {
  id: string;
  label: string;
  value: T;
  options: readonly (readonly [T, string])[];
  onChange: (value: T) => void;
}

export function ProxyHopsSelect<T extends string>(props: ProxyHopsSelectProps<T>) {
  const { id, label, value, options, onChange } = props;
  return (
    <div class="ph-field">
      <label for={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(event) => {
          const next = event.currentTarget.value;
          const match = options.find(([option]) => option === next);
          if (match) onChange(match[0]);
        }}
      >
        {options.map(([option, text]) => (
          <option key={option} value={option}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}
