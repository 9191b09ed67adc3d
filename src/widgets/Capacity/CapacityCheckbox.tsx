/** One labelled checkbox in the capacity calculator's settings. */
import type { ComponentChildren } from 'preact';

export interface CapacityCheckboxProps {
  id: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  children: ComponentChildren;
}

export function CapacityCheckbox({ id, checked, onChange, children }: CapacityCheckboxProps) {
  return (
    <div class="cap-check">
      <input
        type="checkbox"
        id={id}
        checked={checked}
        onChange={(event) => {
          onChange(event.currentTarget.checked);
        }}
      />
      <label for={id}>{children}</label>
    </div>
  );
}
