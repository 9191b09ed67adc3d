/**
 * Where files come in: three sample bundles, a drop zone with "Choose files" and "Choose a
 * folder" (both plain file inputs, so the keyboard path needs no drag and drop), and one
 * paste box per kind of file.
 */
import { useState } from 'preact/hooks';
import { PASTE_KINDS } from './paste-kinds';
import { SAMPLE_BUNDLES } from './samples';

export interface AuditInputsProps {
  readonly activeSample: string | null;
  readonly onSample: (id: string) => void;
  readonly onFiles: (files: FileList) => void;
  readonly onDrop: (data: DataTransfer) => void;
  readonly pastes: Readonly<Record<string, string>>;
  readonly onPaste: (key: string, text: string) => void;
}

export function AuditInputs(props: AuditInputsProps) {
  const { activeSample, onSample, onFiles, onDrop, pastes, onPaste } = props;
  const [dragging, setDragging] = useState(false);
  const pastedCount = PASTE_KINDS.filter((p) => (pastes[p.key] ?? '') !== '').length;
  return (
    <div class="audit-inputs">
      <fieldset class="audit-samples">
        <legend>Try a sample bundle</legend>
        {SAMPLE_BUNDLES.map((bundle) => (
          <button
            key={bundle.id}
            type="button"
            aria-pressed={activeSample === bundle.id}
            title={bundle.description}
            onClick={() => {
              onSample(bundle.id);
            }}
          >
            {bundle.label}
          </button>
        ))}
      </fieldset>
      <div
        class={`audit-drop${dragging ? ' audit-drop-active' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => {
          setDragging(false);
        }}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          if (event.dataTransfer !== null) onDrop(event.dataTransfer);
        }}
      >
        <p class="audit-drop-text">
          Drop your deployment files or a whole folder here, or choose them:
        </p>
        <p class="audit-pickers">
          <label class="button">
            Choose files
            <input
              class="visually-hidden"
              type="file"
              multiple
              data-testid="audit-files"
              onChange={(event) => {
                const list = event.currentTarget.files;
                if (list !== null && list.length > 0) onFiles(list);
                event.currentTarget.value = '';
              }}
            />
          </label>{' '}
          <label class="button">
            Choose a folder
            <input
              class="visually-hidden"
              type="file"
              // @ts-expect-error -- webkitdirectory is not in Preact's input attributes.
              webkitdirectory=""
              data-testid="audit-folder"
              onChange={(event) => {
                const list = event.currentTarget.files;
                if (list !== null && list.length > 0) onFiles(list);
                event.currentTarget.value = '';
              }}
            />
          </label>
        </p>
        <p class="audit-hint">
          Read in this browser only; nothing is uploaded. Folders skip node_modules, .git,
          virtualenvs, binary files and files over 1 MiB.
        </p>
      </div>
      <details class="audit-paste">
        <summary>Paste instead{pastedCount > 0 ? ` (${pastedCount} pasted)` : ''}</summary>
        <div class="audit-paste-grid">
          {PASTE_KINDS.map((kind) => {
            const id = `audit-paste-${kind.key}`;
            return (
              <div key={kind.key} class="audit-paste-field">
                <label for={id}>{kind.label}</label>
                <p class="audit-hint" id={`${id}-hint`}>
                  {kind.hint}
                </p>
                <textarea
                  id={id}
                  rows={6}
                  spellcheck={false}
                  aria-describedby={`${id}-hint`}
                  value={pastes[kind.key] ?? ''}
                  onInput={(event) => {
                    onPaste(kind.key, event.currentTarget.value);
                  }}
                />
              </div>
            );
          })}
        </div>
      </details>
    </div>
  );
}
