/** Applying the engine's line edits, one finding at a time or all safe fixes at once. */
import { checkDockerfile } from './check';
import { splitLines } from './parse';
import type { Edit, EditTarget, Finding } from './types';

export interface Files {
  readonly dockerfile: string;
  /** `undefined` when the user has no .dockerignore. */
  readonly dockerignore?: string | undefined;
}

function overlaps(a: Edit, b: Edit): boolean {
  const aInsert = a.endLine < a.startLine;
  const bInsert = b.endLine < b.startLine;
  if (aInsert && bInsert) return false;
  if (aInsert) return a.startLine > b.startLine && a.startLine <= b.endLine;
  if (bInsert) return b.startLine > a.startLine && b.startLine <= a.endLine;
  return a.startLine <= b.endLine && b.startLine <= a.endLine;
}

/** Applies non-overlapping edits to one text (later edits that overlap earlier ones are skipped). */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  if (edits.length === 0) return text;
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const body = bom ? text.slice(1) : text;
  const eol = body.includes('\r\n') ? '\r\n' : '\n';
  const trailing = body === '' || body.endsWith('\n') || body.endsWith('\r');
  const lines = body === '' ? [] : splitLines(body);
  if (trailing && lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const accepted: Edit[] = [];
  for (const edit of edits)
    if (!accepted.some((other) => overlaps(edit, other))) accepted.push(edit);
  // Bottom-up so earlier line numbers stay valid; insertions at one line keep their order.
  const ordered = accepted
    .map((edit, index) => ({ edit, index }))
    .sort((a, b) => b.edit.startLine - a.edit.startLine || b.index - a.index);
  for (const { edit } of ordered) {
    const start = Math.min(Math.max(1, edit.startLine), lines.length + 1);
    const count = Math.max(0, Math.min(edit.endLine, lines.length) - start + 1);
    lines.splice(start - 1, count, ...edit.lines);
  }
  return bom + lines.join(eol) + (trailing || lines.length > 0 ? eol : '');
}

function applyTo(files: Files, edits: readonly Edit[]): Files {
  const by = (target: EditTarget): Edit[] => edits.filter((edit) => edit.target === target);
  const dockerfileEdits = by('dockerfile');
  const ignoreEdits = by('dockerignore');
  return {
    dockerfile: applyEdits(files.dockerfile, dockerfileEdits),
    dockerignore:
      ignoreEdits.length > 0
        ? applyEdits(files.dockerignore ?? '', ignoreEdits)
        : files.dockerignore,
  };
}

/** Applies one finding's fix. */
export function applyFix(files: Files, finding: Finding): Files {
  return finding.edits ? applyTo(files, finding.edits) : files;
}

/**
 * Applies every available fix, re-checking after each round (a fix can reveal the next one,
 * e.g. shell form → exec form, then the missing --bind), until nothing is left to fix.
 */
export function applyAllFixes(files: Files, maxRounds = 8): Files {
  let current = files;
  for (let round = 0; round < maxRounds; round += 1) {
    const findings = checkDockerfile(current.dockerfile, { dockerignore: current.dockerignore });
    const edits = findings.filter((f) => !f.suppressed && f.edits).flatMap((f) => f.edits ?? []);
    if (edits.length === 0) break;
    const next = applyTo(current, edits);
    if (next.dockerfile === current.dockerfile && next.dockerignore === current.dockerignore) break;
    current = next;
  }
  return current;
}
