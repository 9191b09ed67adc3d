/** A labelled checkbox. */
export interface ProxyHopsCheckboxProps {
  id: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}

export function ProxyHopsCheckbox({ id, label, checked, onChange }: ProxyHopsCheckboxProps) {
  return (
    <div class="ph-field ph-check">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(event) => {
          onChange(event.currentTarget.checked);
        }}
      />
      <label for={id}>{label}</label>
    </div>
  );
}
