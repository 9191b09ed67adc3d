/**
 * A plain textarea with a line-number gutter kept in step with its scrolling, and a highlight
 * bar over one line. Lines never wrap, so line N is always at (N - 1) × line height; that keeps
 * the gutter a single text node (cheap even for a 30,000-line paste).
 */
import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { Ref } from 'preact';

/**
 * A text longer than this is not put into the textarea: laying out 1 MB in a textarea takes the
 * browser seconds on the main thread, whatever the checker does. The editor then shows the first
 * PREVIEW_LINES lines read-only, says so, and offers to clear it; a paste that would make the
 * text this long is taken from the clipboard event without the browser inserting it.
 */
export const MAX_EDITABLE_CHARS = 200_000;
export const PREVIEW_LINES = 300;
const PREVIEW_MAX_CHARS = 16 * 1024;

/** Must match --dfc-line-height in DockerfileChecker.css. */
export const LINE_HEIGHT_PX = 21;
export const PADDING_PX = 8;
const MAX_GUTTER_LINES = 200_000;

export interface LineMark {
  readonly line: number;
  readonly level: 'error' | 'warning' | 'info';
}

export interface DockerfileEditorProps {
  readonly id: string;
  readonly label: string;
  readonly hint: string;
  readonly value: string;
  readonly onInput: (value: string) => void;
  readonly marks: readonly LineMark[];
  readonly highlightLine: number | null;
  readonly textareaRef: Ref<HTMLTextAreaElement>;
  readonly rows: number;
  /** Empties the editor (the way out of the read-only preview of a very large text). */
  readonly onClear: () => void;
}

/** The first PREVIEW_LINES lines (at most PREVIEW_MAX_CHARS characters) of a large text. */
export function previewOf(text: string): string {
  let end = -1;
  for (let line = 0; line < PREVIEW_LINES; line += 1) {
    const next = text.indexOf('\n', end + 1);
    if (next < 0) {
      end = text.length;
      break;
    }
    end = next;
  }
  return text.slice(0, Math.min(end, PREVIEW_MAX_CHARS));
}

const SYMBOL = { error: '✖', warning: '▲', info: 'ℹ' } as const;

function gutterText(lineCount: number, marks: readonly LineMark[]): string {
  const rank = { error: 0, warning: 1, info: 2 } as const;
  const byLine = new Map<number, LineMark['level']>();
  for (const mark of marks) {
    const seen = byLine.get(mark.line);
    if (seen === undefined || rank[mark.level] < rank[seen]) byLine.set(mark.line, mark.level);
  }
  const count = Math.min(lineCount, MAX_GUTTER_LINES);
  const parts = new Array<string>(count);
  for (let line = 1; line <= count; line += 1) {
    const level = byLine.get(line);
    parts[line - 1] = `${level ? SYMBOL[level] : ' '} ${line}`;
  }
  return parts.join('\n');
}

function countLines(text: string): number {
  let count = 1;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count += 1;
  return count;
}

export function DockerfileEditor(props: DockerfileEditorProps) {
  const { id, label, hint, value, onInput, marks, highlightLine, textareaRef, rows, onClear } =
    props;
  const large = value.length > MAX_EDITABLE_CHARS;
  const shown = useMemo(() => (large ? previewOf(value) : value), [large, value]);
  const gutterRef = useRef<HTMLPreElement>(null);
  const barRef = useRef<HTMLDivElement>(null);
  const ownRef = useRef<HTMLTextAreaElement | null>(null);
  const lineCount = useMemo(() => countLines(value), [value]);
  const shownLines = large ? countLines(shown) : lineCount;
  const gutter = useMemo(() => gutterText(shownLines, marks), [shownLines, marks]);

  const sync = (): void => {
    const area = ownRef.current;
    if (!area) return;
    if (gutterRef.current) gutterRef.current.scrollTop = area.scrollTop;
    if (barRef.current && highlightLine !== null)
      barRef.current.style.transform = `translateY(${PADDING_PX + (highlightLine - 1) * LINE_HEIGHT_PX - area.scrollTop}px)`;
  };

  useEffect(sync, [highlightLine, value]);

  const setRefs = (element: HTMLTextAreaElement | null): void => {
    ownRef.current = element;
    if (typeof textareaRef === 'function') textareaRef(element);
    else if (textareaRef) textareaRef.current = element;
  };

  return (
    <div class="dfc-editor-field">
      <label for={id} class="dfc-label">
        {label}
      </label>
      <p class="dfc-hint" id={`${id}-hint`}>
        {large
          ? `This text is ${(value.length / 1048576).toFixed(1)} MB (${lineCount.toLocaleString('en-US')} lines): too large to edit here without freezing the page. The checker reads all of it; the editor shows the first ${shownLines.toLocaleString('en-US')} lines, read-only.`
          : hint}
      </p>
      {large ? (
        <button type="button" class="dfc-clear" onClick={onClear}>
          Clear the {label}
        </button>
      ) : null}
      <div class="dfc-editor" style={{ '--dfc-rows': String(rows) }}>
        <pre class="dfc-gutter" ref={gutterRef} aria-hidden="true">
          {gutter}
        </pre>
        <div class="dfc-area-wrap">
          {highlightLine !== null ? (
            <div class="dfc-line-bar" ref={barRef} aria-hidden="true" />
          ) : null}
          <textarea
            id={id}
            ref={setRefs}
            class="dfc-area"
            value={shown}
            readOnly={large}
            wrap="off"
            spellcheck={false}
            autocomplete="off"
            autocapitalize="off"
            aria-describedby={`${id}-hint`}
            onInput={(event) => {
              onInput(event.currentTarget.value);
            }}
            onPaste={(event) => {
              // A paste that makes the text very large never goes through the textarea itself.
              const pasted = event.clipboardData?.getData('text/plain') ?? '';
              const area = event.currentTarget;
              const rest = area.value.length - (area.selectionEnd - area.selectionStart);
              if (large || pasted.length + rest <= MAX_EDITABLE_CHARS) return;
              event.preventDefault();
              onInput(
                area.value.slice(0, area.selectionStart) +
                  pasted +
                  area.value.slice(area.selectionEnd),
              );
            }}
            onScroll={sync}
          />
        </div>
      </div>
    </div>
  );
}
