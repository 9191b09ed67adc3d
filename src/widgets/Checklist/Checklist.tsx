/**
 * Chapter 8's production checklist: tick items (kept with the learner's progress in
 * localStorage), follow each item to its section or to the widget scenario that demonstrates
 * it, export the state as Markdown for a pull request or runbook, and print it.
 */
import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { WidgetFrame } from '../../components/WidgetFrame';
import { downloadText } from '../../runtime/progress-store';
import { useProgress } from '../ProgressPage/use-progress';
import { checklistToMarkdown } from '../../sim/training/checklist';
import { setChecklistItem, type Progress } from '../../sim/training/progress';
import { CHECKLIST_GROUPS } from '../../training/checklist';
import './Checklist.css';

export interface ChecklistProps {
  id?: string;
}

function RichInline({ text }: { text: string }) {
  return (
    <>
      {text
        .split('`')
        .map((part, index) => (index % 2 === 1 ? <code key={index}>{part}</code> : part))}
    </>
  );
}

const ALL_ITEMS = CHECKLIST_GROUPS.flatMap((group) => group.items);

export function Checklist({ id = 'checklist' }: ChecklistProps) {
  const { progress, notice, update, dismissNotice } = useProgress();
  const [markdown, setMarkdown] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const done = ALL_ITEMS.filter((item) => progress.checklist[item.id] === true).length;

  const buildMarkdown = (current: Progress) =>
    checklistToMarkdown(CHECKLIST_GROUPS, current.checklist, {
      origin: window.location.origin,
      title: 'Flask production checklist',
      date: new Date().toISOString().slice(0, 10),
    });

  const clearAll = () => {
    if (!window.confirm('Clear every tick in this checklist?')) return;
    update((p) => ({ ...p, checklist: {} }));
    setStatus('All ticks cleared.');
  };

  return (
    <WidgetFrame
      id={id}
      title="Production checklist"
      caption={
        <>
          {'Tick what your service already does. Ticks stay in this browser (with your '}
          <a href="/progress/">progress</a>); export them as Markdown for a pull request or a
          runbook, or print the page.
        </>
      }
      notice={notice ?? (status === '' ? null : status)}
      onDismissNotice={
        notice
          ? dismissNotice
          : () => {
              setStatus('');
            }
      }
      onReset={clearAll}
      shareUrl={() => `${window.location.origin}${window.location.pathname}#${id}`}
      tools={
        <>
          <button
            type="button"
            onClick={() => {
              setMarkdown(buildMarkdown(progress));
            }}
          >
            Export as Markdown
          </button>
          <button
            type="button"
            onClick={() => {
              window.print();
            }}
          >
            Print
          </button>
        </>
      }
    >
      <>
        <p class="cl-count" aria-live="polite">
          {`${done} of ${ALL_ITEMS.length} items checked.`}
        </p>
        {CHECKLIST_GROUPS.map((group) => (
          <section key={group.id} class="cl-group" aria-labelledby={group.id}>
            {/* The chapter's own heading ids, so published runbook anchors keep working. */}
            <h3 id={group.id}>{group.title}</h3>
            <ul class="cl-items">
              {group.items.map((item) => {
                const checked = progress.checklist[item.id] === true;
                return (
                  <li key={item.id} id={item.id} class={checked ? 'cl-item cl-done' : 'cl-item'}>
                    <input
                      type="checkbox"
                      id={`${id}-${item.id}-box`}
                      checked={checked}
                      onChange={(event) => {
                        const ticked = event.currentTarget.checked;
                        update((p) => setChecklistItem(p, item.id, ticked));
                      }}
                    />
                    <div>
                      <label for={`${id}-${item.id}-box`}>
                        <RichInline text={item.text} />
                      </label>
                      <span class="cl-links">
                        <a href={item.section}>{`Section: ${item.sectionLabel}`}</a>
                        {item.sources.map((source) => (
                          <Fragment key={source.href}>
                            {' · '}
                            <a href={source.href} rel="external">{`Source: ${source.label}`}</a>
                          </Fragment>
                        ))}
                        {item.widget ? (
                          <>
                            {' · '}
                            <a href={item.widget.href}>{`Try it: ${item.widget.label}`}</a>
                          </>
                        ) : null}
                        {' · '}
                        <a href={`#${item.id}`} class="cl-anchor">
                          Link to this item
                        </a>
                      </span>
                    </div>
                  </li>
                );
              })}
            </ul>
          </section>
        ))}
        {markdown !== null ? (
          <div class="cl-export">
            <label for={`${id}-markdown`}>Markdown (copy it, or download the file)</label>
            <textarea id={`${id}-markdown`} readOnly rows={12} value={markdown} />
            <div class="cl-export-actions">
              <button
                type="button"
                onClick={() => {
                  void navigator.clipboard.writeText(markdown).then(
                    () => {
                      setStatus('Markdown copied.');
                    },
                    () => {
                      setStatus('Clipboard unavailable: select the text and copy it.');
                    },
                  );
                }}
              >
                Copy Markdown
              </button>
              <button
                type="button"
                onClick={() => {
                  downloadText('production-checklist.md', markdown, 'text/markdown');
                }}
              >
                Download .md
              </button>
              <button
                type="button"
                onClick={() => {
                  setMarkdown(null);
                }}
              >
                Close
              </button>
            </div>
          </div>
        ) : null}
      </>
    </WidgetFrame>
  );
}

export default Checklist;
