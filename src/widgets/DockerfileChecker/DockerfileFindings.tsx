/**
 * Findings grouped by severity. Each names its line (a button that moves the editor's cursor
 * there), says what goes wrong at run time and how to fix it, links the chapter section and the
 * official documentation, lists the peer tools' ids, and offers "Apply fix" when the engine has
 * a safe edit. Severity is spelled out in text, never shown by colour alone.
 */
import type { Finding, Level } from '../../sim/dockerfile/types';

export interface DockerfileFindingsProps {
  readonly findings: readonly Finding[];
  readonly onGoTo: (finding: Finding) => void;
  readonly onApply: (finding: Finding) => void;
  readonly selected: Finding | null;
}

const GROUPS: readonly { level: Level; title: string }[] = [
  { level: 'error', title: 'Errors' },
  { level: 'warning', title: 'Warnings' },
  { level: 'info', title: 'Info' },
];

export function DockerfileFindings({
  findings,
  onGoTo,
  onApply,
  selected,
}: DockerfileFindingsProps) {
  if (findings.length === 0) return <p class="dfc-empty">No findings.</p>;
  return (
    <div class="dfc-findings">
      {GROUPS.map(({ level, title }) => {
        const list = findings.filter((f) => f.level === level);
        if (list.length === 0) return null;
        return (
          <section
            key={level}
            class={`dfc-group dfc-group-${level}`}
            aria-label={`${title}: ${list.length}`}
          >
            <h4 class="dfc-group-title">
              {title} ({list.length})
            </h4>
            <ul class="dfc-list">
              {list.map((finding, index) => {
                const where = `${finding.file === 'dockerignore' ? '.dockerignore ' : ''}line ${finding.line}`;
                return (
                  <li
                    key={`${finding.code}-${finding.line}-${index}`}
                    class={`dfc-finding dfc-${finding.level}${finding.suppressed ? ' dfc-suppressed' : ''}${selected === finding ? ' dfc-selected' : ''}`}
                  >
                    <div class="dfc-finding-head">
                      <span class="dfc-badge">{finding.level.toUpperCase()}</span>{' '}
                      <code class="dfc-code">{finding.code}</code>{' '}
                      <button
                        type="button"
                        class="dfc-goto"
                        onClick={() => {
                          onGoTo(finding);
                        }}
                        aria-label={`Go to ${where} (${finding.code})`}
                      >
                        {where}
                      </button>
                      {finding.suppressed ? (
                        <span class="dfc-suppressed-note">
                          {' '}
                          suppressed by <code>{finding.suppressed.by}</code>
                          {finding.suppressed.reason ? ` — ${finding.suppressed.reason}` : ''}
                        </span>
                      ) : null}
                    </div>
                    <p class="dfc-message">{finding.message}</p>
                    <p class="dfc-fix">
                      <strong>Fix:</strong> {finding.fix}
                    </p>
                    <p class="dfc-links">
                      <a href={finding.chapterLink}>Chapter section</a> ·{' '}
                      <a href={finding.docUrl} rel="noopener">
                        Official docs
                      </a>
                      {finding.peers.length > 0 ? (
                        <> · Same rule elsewhere: {finding.peers.join(', ')}</>
                      ) : null}
                    </p>
                    {finding.edits && !finding.suppressed ? (
                      <button
                        type="button"
                        class="dfc-apply"
                        onClick={() => {
                          onApply(finding);
                        }}
                        aria-label={`Apply fix for ${finding.code} on ${where}`}
                      >
                        Apply fix
                      </button>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
