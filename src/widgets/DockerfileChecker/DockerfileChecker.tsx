/**
 * The Dockerfile checker: paste a Dockerfile (and .dockerignore), read every way it falls short
 * of the container chapter, apply the safe fixes. Everything runs in the page; nothing is sent
 * anywhere, and a shared link carries the text in the URL hash (which browsers never send).
 *
 * Thin by design: every finding, fix and score comes from src/sim/dockerfile. Large inputs are
 * checked in a Web Worker (use-check-runner.ts), so typing and scrolling never wait for a check.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { WidgetFrame } from '../../components/WidgetFrame';
import { applyFix, passes, scoreChecklist } from '../../sim/dockerfile/index';
import { ignoredStateNotice } from '../../runtime/url-state';
import { EXAMPLES, findExample } from '../../sim/dockerfile/examples';
import type { Finding } from '../../sim/dockerfile/types';
import { DockerfileEditor, LINE_HEIGHT_PX, type LineMark } from './DockerfileEditor';
import { DockerfileFindings } from './DockerfileFindings';
import {
  MAX_SHARE_URL_CHARS,
  canCompress,
  decodeShared,
  encodeShared,
  payloadFromHash,
  urlWithPayload,
} from './share-codec';
import { MAIN_THREAD_MAX_CHARS, fixAll, useCheckRunner, type CheckInput } from './use-check-runner';
import './DockerfileChecker.css';

export interface DockerfileCheckerProps {
  id?: string;
  /** Example id from src/sim/dockerfile/examples.ts shown first (and on Reset). */
  preset?: string;
}

interface Texts {
  readonly dockerfile: string;
  readonly dockerignore: string;
}

const DEFAULT_EXAMPLE = 'shell-form';
/** Above this size the check waits longer after the last keystroke. */
const LARGE_INPUT_CHARS = 100_000;

function textsFor(exampleId: string): Texts {
  const example = findExample(exampleId) ?? findExample(DEFAULT_EXAMPLE)!;
  return { dockerfile: example.dockerfile, dockerignore: example.dockerignore ?? '' };
}

/** Character offset of the start of a 1-based line. */
function offsetOfLine(text: string, line: number): number {
  let offset = 0;
  for (let current = 1; current < line; current += 1) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return offset;
}

/** The share-link payload for the texts, or null when they cannot be compressed. */
function payloadFor(texts: Texts): Promise<string | null> {
  return encodeShared({
    dockerfile: texts.dockerfile,
    dockerignore: texts.dockerignore === '' ? null : texts.dockerignore,
  }).catch(() => null);
}

/** `1048576` → `1.0 MB`, `20480` → `20 KB`. */
function formatSize(chars: number): string {
  return chars >= 1048576 ? `${(chars / 1048576).toFixed(1)} MB` : `${Math.ceil(chars / 1024)} KB`;
}

function summarize(findings: readonly Finding[], passed: number, total: number): string {
  const active = findings.filter((f) => !f.suppressed);
  const count = (level: Finding['level']): number => active.filter((f) => f.level === level).length;
  const suppressed = findings.length - active.length;
  const verdict = passes(findings)
    ? 'No error-level findings: this Dockerfile passes.'
    : 'Error-level findings: this Dockerfile does not pass.';
  return `${verdict} ${count('error')} errors, ${count('warning')} warnings, ${count('info')} info${suppressed > 0 ? `, ${suppressed} suppressed` : ''}. Chapter 8 checklist: ${passed} of ${total} items pass.`;
}

export function DockerfileChecker({ id = 'dockerfile-checker', preset }: DockerfileCheckerProps) {
  const initial = useMemo(() => textsFor(preset ?? DEFAULT_EXAMPLE), [preset]);
  const [texts, setTexts] = useState<Texts>(initial);
  const [checked, setChecked] = useState<Texts>(initial);
  const [selected, setSelected] = useState<Finding | null>(null);
  const [exampleId, setExampleId] = useState(preset ?? DEFAULT_EXAMPLE);
  const [notice, setNotice] = useState<string | null>(null);
  const [shareNote, setShareNote] = useState('');
  const [status, setStatus] = useState('');
  /** The link for `texts`; url null when it is too long to offer. */
  const shareRef = useRef<{ texts: Texts; url: string | null } | null>(null);
  const dockerfileRef = useRef<HTMLTextAreaElement | null>(null);
  const ignoreRef = useRef<HTMLTextAreaElement | null>(null);

  // Read a shared link (#id~v1.…) once on mount.
  useEffect(() => {
    const payload = payloadFromHash(window.location.hash, id);
    if (payload === null) return;
    if (!canCompress()) {
      setNotice('This browser cannot read compressed links, so the example is shown instead.');
      return;
    }
    let cancelled = false;
    decodeShared(payload).then(
      (state) => {
        if (cancelled) return;
        const next = { dockerfile: state.dockerfile, dockerignore: state.dockerignore ?? '' };
        setTexts(next);
        setChecked(next);
        // The picker names the example the link holds, when it holds one unchanged.
        const same = EXAMPLES.find(
          (e) => e.dockerfile === next.dockerfile && (e.dockerignore ?? '') === next.dockerignore,
        );
        if (same) setExampleId(same.id);
        document.getElementById(id)?.scrollIntoView();
      },
      (error: unknown) => {
        if (cancelled) return;
        setNotice(ignoredStateNotice(error));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [id]);

  // Check as you type, debounced (longer for very large pastes so typing stays smooth).
  useEffect(() => {
    if (texts === checked) return;
    setStatus('Checking…');
    const delay = texts.dockerfile.length > LARGE_INPUT_CHARS ? 600 : 200;
    const timer = window.setTimeout(() => {
      setChecked(texts);
    }, delay);
    return () => {
      window.clearTimeout(timer);
    };
  }, [texts, checked]);

  const input = useMemo<CheckInput>(
    () => ({
      dockerfile: checked.dockerfile,
      dockerignore: checked.dockerignore.trim() === '' ? undefined : checked.dockerignore,
    }),
    [checked],
  );
  const run = useCheckRunner(input);
  const findings = run.findings;
  /** The findings belong to the text on screen (line numbers and fixes are safe to use). */
  const fresh =
    run.running === null &&
    run.input.dockerfile === texts.dockerfile &&
    (run.input.dockerignore ?? '') === (texts.dockerignore.trim() === '' ? '' : texts.dockerignore);
  const score = useMemo(() => scoreChecklist(findings), [findings]);
  useEffect(() => {
    if (texts === checked && run.running === null) setStatus('');
  }, [texts, checked, run.running]);

  // Keep a share link ready (compression is asynchronous; WidgetFrame asks synchronously). A
  // link made for older text is never handed out.
  const latestTexts = useRef(texts);
  latestTexts.current = texts;
  const offerLink = useCallback(
    (forTexts: Texts, payload: string | null): void => {
      if (payload === null) {
        shareRef.current = null;
        setShareNote('The Dockerfile could not be compressed into a link.');
        return;
      }
      // A payload already over the limit is never turned into a URL (megabytes of hash).
      const url =
        payload.length > MAX_SHARE_URL_CHARS
          ? null
          : urlWithPayload(window.location.href, id, payload);
      if (url === null || url.length > MAX_SHARE_URL_CHARS) {
        shareRef.current = { texts: forTexts, url: null };
        setShareNote(
          `Too large to share as a link: compressed, this Dockerfile needs ${Math.ceil((url ?? payload).length / 1024)} KB of URL; the limit is ${MAX_SHARE_URL_CHARS / 1024} KB. Copy the text instead.`,
        );
      } else {
        shareRef.current = { texts: forTexts, url };
        setShareNote('');
      }
    },
    [id],
  );
  const large = texts.dockerfile.length + texts.dockerignore.length > MAIN_THREAD_MAX_CHARS;
  useEffect(() => {
    if (!canCompress()) {
      shareRef.current = null;
      setShareNote('This browser cannot compress the Dockerfile into a link.');
      return;
    }
    // Large texts are compressed by the worker that checks them (below).
    if (large) return;
    let cancelled = false;
    const timer = window.setTimeout(() => {
      void payloadFor(texts).then((payload) => {
        if (!cancelled) offerLink(texts, payload);
      });
    }, 300);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [texts, large, offerLink]);
  useEffect(() => {
    if (!large || run.running !== null || checked !== texts || run.input !== input) return;
    if (run.payload !== undefined) {
      offerLink(texts, run.payload);
      return;
    }
    // Checked without a worker (none in this browser): compress here.
    let cancelled = false;
    void payloadFor(texts).then((payload) => {
      if (!cancelled) offerLink(texts, payload);
    });
    return () => {
      cancelled = true;
    };
  }, [run, input, checked, texts, large, offerLink]);

  const shareUrl = useCallback(() => {
    const ready = shareRef.current;
    if (ready && ready.texts === latestTexts.current)
      return ready.url ?? urlWithPayload(window.location.href, id, null);
    setShareNote('The link is still being prepared; copy it again in a moment.');
    return urlWithPayload(window.location.href, id, null);
  }, [id]);

  const update = (next: Texts): void => {
    setTexts(next);
    setSelected(null);
  };

  const applyNow = (next: Texts): void => {
    setTexts(next);
    setChecked(next);
    setSelected(null);
  };

  const files = () => ({
    dockerfile: texts.dockerfile,
    dockerignore: texts.dockerignore.trim() === '' ? undefined : texts.dockerignore,
  });

  const STALE =
    'The findings are still for the previous text; apply the fix when the check has caught up.';

  const onApply = (finding: Finding): void => {
    if (!fresh) {
      setStatus(STALE);
      return;
    }
    const next = applyFix(files(), finding);
    applyNow({ dockerfile: next.dockerfile, dockerignore: next.dockerignore ?? '' });
    setStatus(`Applied the fix for ${finding.code}.`);
  };

  const onApplyAll = (): void => {
    if (!fresh) {
      setStatus(STALE);
      return;
    }
    const before = texts;
    setStatus('Applying every safe fix…');
    fixAll(files()).then(
      (next) => {
        // An edit made meanwhile wins over fixes computed for the older text.
        if (latestTexts.current !== before) return;
        applyNow({ dockerfile: next.dockerfile, dockerignore: next.dockerignore ?? '' });
        setStatus('Applied every safe fix.');
      },
      (error: unknown) => {
        setStatus(
          `The fixes could not be applied (${error instanceof Error ? error.message : 'unknown error'}).`,
        );
      },
    );
  };

  const onGoTo = (finding: Finding): void => {
    const area = finding.file === 'dockerignore' ? ignoreRef.current : dockerfileRef.current;
    setSelected(finding);
    if (!area) return;
    const text = area.value;
    const shownLines = text.split('\n').length;
    if (finding.line > shownLines)
      setStatus(
        `Line ${finding.line} is past the part of the file shown in the editor (the first ${shownLines} lines).`,
      );
    const start = offsetOfLine(text, Math.min(finding.line, shownLines));
    area.focus();
    area.setSelectionRange(start, start);
    area.scrollTop = Math.max(0, (finding.line - 1) * LINE_HEIGHT_PX - area.clientHeight / 3);
  };

  const loadExample = (): void => {
    applyNow(textsFor(exampleId));
    setStatus(`Loaded the example “${findExample(exampleId)?.title ?? exampleId}”.`);
  };

  const reset = (): void => {
    setNotice(null);
    setExampleId(preset ?? DEFAULT_EXAMPLE);
    applyNow(initial);
    if (payloadFromHash(window.location.hash, id) !== null) {
      try {
        window.history.replaceState(
          window.history.state,
          '',
          urlWithPayload(window.location.href, id, null),
        );
      } catch {
        // Nothing to undo.
      }
    }
  };

  const marks = (file: Finding['file']): LineMark[] =>
    findings
      .filter((f) => f.file === file && !f.suppressed)
      .map((f) => ({ line: f.line, level: f.level }));
  const dockerfileMarks = useMemo(() => marks('dockerfile'), [findings]);
  const ignoreMarks = useMemo(() => marks('dockerignore'), [findings]);
  const fixable = findings.some((f) => f.edits && !f.suppressed);
  const ok = passes(findings);

  return (
    <WidgetFrame
      id={id}
      title="Check your Dockerfile"
      notice={notice}
      onDismissNotice={() => {
        setNotice(null);
      }}
      onReset={reset}
      shareUrl={shareUrl}
      verdict={
        <span class={`dfc-verdict ${ok ? 'dfc-verdict-ok' : 'dfc-verdict-bad'}`}>
          <span class="dfc-verdict-mark" aria-hidden="true">
            {ok ? '✓' : '✖'}
          </span>{' '}
          {summarize(findings, score.passed, score.total)}
        </span>
      }
      caption={
        <>
          Paste a Dockerfile and its .dockerignore: the checker lists every way the image falls
          short of this chapter, with the line, what goes wrong at run time and the fix. It runs
          entirely in your browser; a shared link keeps the text in the part of the URL after #,
          which browsers never send to a server. The same rules run in CI with{' '}
          <code>npm run check:dockerfile</code>.
        </>
      }
    >
      <div class="dfc">
        <div class="widget-layout dfc-layout">
          <div class="widget-controls dfc-inputs">
            <div class="dfc-toolbar">
              <label class="dfc-example">
                Example{' '}
                {/* Which example "Load example" loads: an action's argument, not the scenario. */}
                <select
                  value={exampleId}
                  data-scenario-ignore
                  onChange={(event) => {
                    setExampleId(event.currentTarget.value);
                  }}
                >
                  {EXAMPLES.map((example) => (
                    <option key={example.id} value={example.id}>
                      {example.title}
                    </option>
                  ))}
                </select>
              </label>
              <button type="button" onClick={loadExample}>
                Load example
              </button>
              <button type="button" onClick={onApplyAll} disabled={!fixable}>
                Apply all safe fixes
              </button>
            </div>
            <DockerfileEditor
              id={`${id}-dockerfile`}
              label="Dockerfile"
              hint="Checked as you type. Nothing leaves your browser."
              value={texts.dockerfile}
              onInput={(value) => {
                update({ ...texts, dockerfile: value });
              }}
              marks={run.running ? [] : dockerfileMarks}
              highlightLine={selected && selected.file === 'dockerfile' ? selected.line : null}
              textareaRef={dockerfileRef}
              rows={22}
              onClear={() => {
                update({ ...texts, dockerfile: '' });
              }}
            />
            <DockerfileEditor
              id={`${id}-dockerignore`}
              label=".dockerignore"
              hint="Leave empty if the project has none."
              value={texts.dockerignore}
              onInput={(value) => {
                update({ ...texts, dockerignore: value });
              }}
              marks={run.running ? [] : ignoreMarks}
              highlightLine={selected && selected.file === 'dockerignore' ? selected.line : null}
              textareaRef={ignoreRef}
              rows={8}
              onClear={() => {
                update({ ...texts, dockerignore: '' });
              }}
            />
          </div>
          <div class="widget-view dfc-results">
            <p class="dfc-status" aria-live="polite">
              {run.running
                ? `Checking ${formatSize(run.running.chars)} in the background; you can keep typing.`
                : status}
              {run.error ? ` The check failed: ${run.error}` : ''}
            </p>
            {run.running ? (
              <progress class="dfc-progress" aria-label="Checking the Dockerfile" />
            ) : null}
            <details class="dfc-score">
              <summary>
                Chapter 8 checklist: {score.passed} of {score.total}
              </summary>
              <ul>
                {score.items.map(({ item, ok: itemOk }) => (
                  <li key={item.id} class={itemOk ? 'dfc-item-ok' : 'dfc-item-bad'}>
                    <span aria-hidden="true">{itemOk ? '✓' : '✖'}</span>{' '}
                    {itemOk ? 'Passes' : 'Fails'}: {item.label}
                  </li>
                ))}
              </ul>
            </details>
            {shareNote ? <p class="dfc-share-note">{shareNote}</p> : null}
            <DockerfileFindings
              findings={findings}
              onGoTo={onGoTo}
              onApply={onApply}
              selected={selected}
            />
          </div>
        </div>
      </div>
    </WidgetFrame>
  );
}

export default DockerfileChecker;
