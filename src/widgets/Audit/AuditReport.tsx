/**
 * The audit report: the drain model's summary, "Open in simulator" links, what was read from
 * each file (with a notice for a file that could not be), then the findings grouped by
 * severity. Severity is spelled out in text, never shown by colour alone; every value is
 * rendered as text, never as markup.
 */
import type {
  AuditFinding,
  AuditKind,
  AuditLevel,
  AuditReport as Report,
} from '../../sim/audit/types';
import type { SimulatorLink } from './simulator-links';

export interface AuditReportProps {
  readonly report: Report;
  readonly links: readonly SimulatorLink[];
  /** The audit's names for the kinds of file (sent by the worker with the report). */
  readonly kindLabels: Readonly<Record<AuditKind, string>> | null;
}

const GROUPS: readonly { level: AuditLevel; title: string }[] = [
  { level: 'error', title: 'Errors' },
  { level: 'warning', title: 'Warnings' },
  { level: 'info', title: 'Info' },
];

function DiffBlock({ diff }: { readonly diff: string }) {
  const lines = diff.replace(/\n$/, '').split('\n');
  return (
    <pre class="audit-diff" aria-label="Suggested change (unified diff)">
      <code>
        {lines.map((line, index) => {
          const tone =
            line.startsWith('+') && !line.startsWith('+++')
              ? 'add'
              : line.startsWith('-') && !line.startsWith('---')
                ? 'del'
                : 'ctx';
          return (
            <span key={index} class={`audit-diff-${tone}`}>
              {line}
              {'\n'}
            </span>
          );
        })}
      </code>
    </pre>
  );
}

function where(file: string, line: number): string {
  return `${file}:${line}`;
}

function Finding({ finding }: { readonly finding: AuditFinding }) {
  const others = finding.related.filter((r) => r.file !== finding.file || r.line !== finding.line);
  return (
    <li class={`audit-finding audit-${finding.level}`}>
      <p class="audit-finding-head">
        <span class="audit-badge">{finding.level.toUpperCase()}</span>{' '}
        <code class="audit-code">{finding.code}</code>{' '}
        <span class="audit-where">
          in <code>{where(finding.file, finding.line)}</code>
          {others.length > 0 ? (
            <>
              {' '}
              with{' '}
              {others.map((r, index) => (
                <span key={`${r.file}:${r.line}`}>
                  {index > 0 ? ', ' : ''}
                  <code>{where(r.file, r.line)}</code>
                </span>
              ))}
            </>
          ) : null}
        </span>
      </p>
      <p class="audit-failure">
        <strong>{finding.failure}</strong>
      </p>
      {finding.message !== finding.failure ? <p class="audit-message">{finding.message}</p> : null}
      {finding.fix !== undefined ? (
        <div class="audit-fix">
          <p>
            <span class="audit-label">Fix:</span> {finding.fix.text}
          </p>
          {finding.fix.diff !== undefined ? <DiffBlock diff={finding.fix.diff} /> : null}
        </div>
      ) : null}
      {finding.sources.length > 0 ? (
        <p class="audit-sources">
          <span class="audit-label">Source:</span>{' '}
          {finding.sources.map((source, index) => (
            <span key={source.url}>
              {index > 0 ? '; ' : ''}
              <a href={source.url} rel="noopener noreferrer">
                {source.title}
              </a>
            </span>
          ))}
        </p>
      ) : null}
    </li>
  );
}

export function AuditReport({ report, links, kindLabels }: AuditReportProps) {
  const unread = report.files.filter((file) => file.notice !== undefined);
  return (
    <div class="audit-report">
      {report.drain !== undefined ? (
        <p class="audit-drain">
          <span class="audit-label">Drain model:</span> {report.drain.summary}
        </p>
      ) : null}
      {links.length > 0 ? (
        <section class="audit-links" aria-labelledby="audit-links-title">
          <h4 id="audit-links-title">Open in a simulator, set to these files’ values</h4>
          <ul>
            {links.map((link) => (
              <li key={link.key}>
                <a href={link.href}>{link.label}</a>
                <span class="audit-link-what"> — {link.what}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <details class="audit-files" open={unread.length > 0}>
        <summary>
          Files read: {report.files.length - unread.length} of {report.files.length}
          {unread.length > 0 ? ` (${unread.length} with a notice)` : ''}
        </summary>
        <ul>
          {report.files.map((file) => (
            <li key={file.name}>
              <code>{file.name}</code>
              {file.notice !== undefined ? (
                <span class="audit-file-notice">: not audited — {file.notice}</span>
              ) : (
                <>: {kindLabels?.[file.kind] ?? file.kind}</>
              )}
              {(file.cannotTell ?? []).length > 0 ? (
                <ul class="audit-cannot-tell">
                  {(file.cannotTell ?? []).map((c) => (
                    <li key={`${c.setting}:${c.line}`}>
                      line {c.line}: cannot tell <code>{c.setting}</code> from the file ({c.reason})
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
      </details>
      {report.findings.length === 0 ? (
        <p class="audit-empty">No findings in the files read.</p>
      ) : (
        GROUPS.map(({ level, title }) => {
          const list = report.findings.filter((f) => f.level === level);
          if (list.length === 0) return null;
          return (
            <section
              key={level}
              class={`audit-group audit-group-${level}`}
              aria-labelledby={`audit-${level}-title`}
            >
              <h4 id={`audit-${level}-title`}>
                {title} ({list.length})
              </h4>
              <ul class="audit-list">
                {list.map((finding, index) => (
                  <Finding
                    key={`${finding.code}-${finding.file}-${finding.line}-${index}`}
                    finding={finding}
                  />
                ))}
              </ul>
            </section>
          );
        })
      )}
    </div>
  );
}
