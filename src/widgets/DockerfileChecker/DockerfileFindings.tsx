/**
 * Findings grouped by severity. Each names its line (a button that moves the editor's cursor
 * there), says what goes wrong at run time and how to fix it, links the chapter section and the
 * official documentation, lists the peer tools' ids, and offers "Apply fix" when the engine has
 * a safe edit. Severity is spelled out in text, never shown by colour alone.
 */
import { useState } from 'preact/hooks';
import type { Finding, Level } from '../../sim/dockerfile/types';

/**
 * A group lists this many findings until the reader asks for the rest: a pasted 1 MB file can
 * produce a few thousand, and rendering them all at once would hold the page up.
 */
export const SHOWN_PER_GROUP = 60;

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
  const [expanded, setExpanded] = useState<ReadonlySet<Level>>(new Set());
  if (findings.length === 0) return <p class="dfc-empty">No findings.</p>;
  return (
    <div class="dfc-findings">
      {GROUPS.map(({ level, title }) => {
        const all = findings.filter((f) => f.level === level);
        if (all.length === 0) return null;
        const list = expanded.has(level) ? all : all.slice(0, SHOWN_PER_GROUP);
        return (
          <section
            key={level}
            class={`dfc-group dfc-group-${level}`}
            aria-label={`${title}: ${all.length}`}
          >
            <h4 class="dfc-group-title">
              {title} ({all.length})
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
            {list.length < all.length ? (
              <button
                type="button"
                class="dfc-more"
                onClick={() => {
                  setExpanded(new Set([...expanded, level]));
                }}
              >
                Show the other {all.length - list.length} {title.toLowerCase()}
              </button>
            ) : null}
          </section>
        );
      })}
    </div>
  );
}
