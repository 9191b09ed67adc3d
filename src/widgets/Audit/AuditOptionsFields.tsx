/**
 * What the files rarely say — the database's max_connections, a worker's memory, the app's
 * boot time, the replica count — as optional number fields. An empty field means "not
 * known"; a value out of range is not used, and the field says so.
 */
import type { AuditOptions } from '../../sim/audit/types';
import { sanitizeOptions } from './input-limits';

interface Field {
  readonly key: keyof AuditOptions;
  readonly label: string;
  readonly hint: string;
}

const FIELDS: readonly Field[] = [
  {
    key: 'maxDbConnections',
    label: 'Database max_connections',
    hint: 'PostgreSQL’s setting, or your RDS instance’s.',
  },
  {
    key: 'perWorkerMemoryMiB',
    label: 'Memory of one Gunicorn worker (MiB)',
    hint: 'Resident memory after warm-up, as ps or docker stats shows it.',
  },
  {
    key: 'appBootSeconds',
    label: 'App start-up time (seconds)',
    hint: 'From container start to the first healthy response.',
  },
  {
    key: 'replicas',
    label: 'Tasks or pods',
    hint: 'Only when the files do not say.',
  },
];

export interface AuditOptionsFieldsProps {
  /** The raw text of each field. */
  readonly values: Readonly<Partial<Record<keyof AuditOptions, string>>>;
  readonly onChange: (key: keyof AuditOptions, text: string) => void;
}

/** The options a set of field texts gives (empty or invalid fields are left out). */
export function optionsFromFields(
  values: Readonly<Partial<Record<keyof AuditOptions, string>>>,
): AuditOptions {
  const raw: Record<string, number> = {};
  for (const { key } of FIELDS) {
    const text = values[key]?.trim() ?? '';
    if (text !== '') raw[key] = Number(text);
  }
  return sanitizeOptions(raw);
}

export function AuditOptionsFields({ values, onChange }: AuditOptionsFieldsProps) {
  const used = optionsFromFields(values);
  const given = FIELDS.filter(({ key }) => (values[key] ?? '').trim() !== '').length;
  return (
    <details class="audit-options">
      <summary>What the files don’t say{given > 0 ? ` (${given} given)` : ''}</summary>
      <div class="audit-options-grid">
        {FIELDS.map(({ key, label, hint }) => {
          const id = `audit-option-${key}`;
          const text = values[key] ?? '';
          const invalid = text.trim() !== '' && used[key] === undefined;
          return (
            <div key={key} class="audit-option">
              <label for={id}>{label}</label>
              <input
                id={id}
                type="number"
                inputMode="numeric"
                min={0}
                value={text}
                aria-invalid={invalid}
                aria-describedby={`${id}-hint`}
                onChange={(event) => {
                  onChange(key, event.currentTarget.value);
                }}
              />
              <p class="audit-hint" id={`${id}-hint`}>
                {invalid ? 'Out of range: not used. ' : ''}
                {hint}
              </p>
            </div>
          );
        })}
      </div>
    </details>
  );
}
