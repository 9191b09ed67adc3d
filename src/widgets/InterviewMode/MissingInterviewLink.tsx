/** What the candidate and interviewer views show when the page was opened without a usable link. */
import type { ComponentChildren } from 'preact';

export function MissingInterviewLink({
  notice,
  children,
}: {
  notice: string | null;
  children: ComponentChildren;
}) {
  return (
    <div class="iv">
      {notice !== null ? (
        <p class="iv-notice" role="alert">
          {notice}
        </p>
      ) : null}
      <p>{children}</p>
    </div>
  );
}
