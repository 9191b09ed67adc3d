/**
 * A plain textarea with a line-number gutter kept in step with its scrolling, and a highlight
 * bar over one line. Lines never wrap, so line N is always at (N - 1) × line height; that keeps
 * the gutter a single text node (cheap even for a 30,000-line paste).
 */
import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { Ref } from 'preact';

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
  const { id, label, hint, value, onInput, marks, highlightLine, textareaRef, rows } = props;
  const gutterRef = useRef<HTMLPreElement>(null);
  const barRef = useRef<HTMLDivElement>(null);
  const ownRef = useRef<HTMLTextAreaElement | null>(null);
  const lineCount = useMemo(() => countLines(value), [value]);
  const gutter = useMemo(() => gutterText(lineCount, marks), [lineCount, marks]);

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
        {hint}
      </p>
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
            value={value}
            wrap="off"
            spellcheck={false}
            autocomplete="off"
            autocapitalize="off"
            aria-describedby={`${id}-hint`}
            onInput={(event) => {
              onInput(event.currentTarget.value);
            }}
            onScroll={sync}
          />
        </div>
      </div>
    </div>
  );
}
