/** The hint under a worker-model field, with a link to the setting's documentation. */
export interface WorkerModelHintProps {
  id: string;
  hint?: string | undefined;
  docHref?: string | undefined;
  docLabel?: string | undefined;
}

export function WorkerModelHint({ id, hint, docHref, docLabel }: WorkerModelHintProps) {
  if (hint === undefined && docHref === undefined) return null;
  return (
    <p class="wm-hint" id={id}>
      {hint}
      {docHref !== undefined ? (
        <>
          {hint !== undefined ? ' ' : null}
          <a href={docHref} rel="external noopener">
            {docLabel ?? 'Docs'}
          </a>
        </>
      ) : null}
    </p>
  );
}
