/**
 * Shared types of the Dockerfile checker. The rule codes and levels are a public interface
 * (UI, JSON/SARIF output, suppression comments): see docs/dockerfile-checker.md.
 */

export type Level = 'error' | 'warning' | 'info';

/** Which file an edit applies to. */
export type EditTarget = 'dockerfile' | 'dockerignore';

/**
 * A line-based edit: replace lines `startLine..endLine` (1-based, inclusive) with `lines`.
 * An insertion before line N is `{ startLine: N, endLine: N - 1 }`.
 */
export interface Edit {
  readonly target: EditTarget;
  readonly startLine: number;
  readonly endLine: number;
  readonly lines: readonly string[];
}

export interface Finding {
  readonly code: string;
  readonly level: Level;
  /** 1-based line of the instruction or argument at fault (0 never appears; empty input uses 1). */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
  /** What goes wrong at run time. */
  readonly message: string;
  /** How to fix it, in words. */
  readonly fix: string;
  /** Chapter section on this site, e.g. `/the-container/#exec-form`. */
  readonly chapterLink: string;
  /** Official documentation page the rule rests on. */
  readonly docUrl: string;
  /** Ids of the same rule in hadolint (DLxxxx), Docker build checks and Trivy (DS-00NN). */
  readonly peers: readonly string[];
  /** Set when a suppression comment silences this finding; the finding is still listed. */
  readonly suppressed?: { readonly by: string; readonly reason: string };
  /** A safe, mechanical fix, when one exists. */
  readonly edits?: readonly Edit[];
  /** Which file the line refers to. */
  readonly file: EditTarget;
}

/** What a rule reports before the engine adds its static metadata. */
export interface RawFinding {
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly fix?: string;
  readonly edits?: readonly Edit[];
  readonly file?: EditTarget;
}

export interface RuleMeta {
  readonly code: string;
  readonly level: Level;
  readonly peers: readonly string[];
  /** Fragment of the chapter page, appended to `/the-container/`. */
  readonly section: string;
  readonly docUrl: string;
  /** The generic fix text, used when a finding does not give its own. */
  readonly fix: string;
  /** A one-line title for lists and SARIF rule descriptors. */
  readonly title: string;
}

export interface CheckOptions {
  /** The `.dockerignore` text, when the user has one. `undefined` means "not given". */
  readonly dockerignore?: string | undefined;
  /**
   * The date end-of-life dates are compared with, `YYYY-MM-DD`. Defaults to the date the EOL
   * table was checked (src/sim/dockerfile/eol-data.ts), so results are reproducible; the page and
   * the CLI pass the real date.
   */
  readonly today?: string | undefined;
}
