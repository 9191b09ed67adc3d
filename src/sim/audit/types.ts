/**
 * The deployment audit's public contract: what goes in (files as text), what comes out
 * (per-file results, findings, simulator URL states, the drain summary). The page, the Web
 * Worker and the CLI code against these names; refine fields, never rename them.
 */

export type AuditLevel = 'error' | 'warning' | 'info';

/** One file as the user gave it: a path or name, and its text. */
export interface AuditInput {
  /** Path or file name as given (`deploy/k8s.yaml`, `Dockerfile`, a paste box's label). */
  readonly name: string;
  readonly text: string;
  /**
   * Optional hint from a paste box ("this is nginx"). Detection still checks the content:
   * a hint that the content contradicts gives a notice, not a guess.
   */
  readonly kind?: AuditKind;
}

/** The kinds of file the audit reads. `unknown` means "not a kind we read". */
export type AuditKind =
  | 'dockerfile'
  | 'dockerignore'
  | 'gunicorn-conf'
  | 'procfile'
  | 'python'
  | 'ecs'
  | 'cloudformation'
  | 'terraform'
  | 'alb'
  | 'kubernetes'
  | 'nginx'
  | 'compose'
  | 'env'
  | 'unknown';

export const AUDIT_KINDS: readonly AuditKind[] = [
  'dockerfile',
  'dockerignore',
  'gunicorn-conf',
  'procfile',
  'python',
  'ecs',
  'cloudformation',
  'terraform',
  'alb',
  'kubernetes',
  'nginx',
  'compose',
  'env',
  'unknown',
];

/** What the audit made of one file. */
export interface AuditFileResult {
  readonly name: string;
  readonly kind: AuditKind;
  /**
   * A clear message when the file could not be read (binary, too large, alias bomb,
   * wrong kind, circular include, Python that would need running…). Other files are
   * still audited.
   */
  readonly notice?: string;
  /** Settings read from this file that the audit could not evaluate ("cannot tell from the file"). */
  readonly cannotTell?: readonly CannotTell[];
}

/** A setting present in a file whose value cannot be known without running something. */
export interface CannotTell {
  readonly setting: string;
  readonly line: number;
  readonly column: number;
  /** Why: "calls a function the audit does not evaluate", "reads an env var with no default"… */
  readonly reason: string;
}

export interface AuditSource {
  readonly title: string;
  readonly url: string;
}

export interface AuditLocation {
  readonly file: string;
  readonly line: number;
}

export interface AuditFix {
  /** The fix in words. */
  readonly text: string;
  /** A unified diff against the file named by the finding, when the fix is mechanical and safe. */
  readonly diff?: string;
}

export interface AuditFinding {
  /** Where the fix goes (for a cross-file finding), as the input's `name`. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  readonly level: AuditLevel;
  /** Stable rule code (a public interface: never renamed). Dockerfile codes keep their own. */
  readonly code: string;
  /** What the files say, with the values read. */
  readonly message: string;
  /** What goes wrong in production, one sentence. */
  readonly failure: string;
  readonly fix?: AuditFix;
  readonly sources: readonly AuditSource[];
  /** The other files' lines this finding depends on. */
  readonly related: readonly AuditLocation[];
}

/** Summary of the drain model for a rolling deploy with the values read. */
export interface AuditDrain {
  readonly completed: number;
  readonly reset: number;
  readonly serverErrors: number;
  /** One sentence, e.g. "Of 240 requests in flight during a task stop: 236 completed, 4 reset, 0 answered 5xx." */
  readonly summary: string;
}

/**
 * URL states for the simulators, in the shapes their `useUrlState` validators accept
 * (ProxyHops: `src/sim/proxy/scenario-state.ts`; Capacity:
 * `src/sim/capacity/normalize-capacity-input.ts`; ShutdownTimeline: `src/sim/shutdown`).
 * `unknown` here so the contract does not pin the widgets' internal types; each is the
 * value to hand to that widget's URL-state encoder. Absent when the files say too little.
 */
export interface AuditScenarios {
  readonly proxyHops?: unknown;
  readonly capacity?: unknown;
  readonly shutdown?: unknown;
}

export interface AuditReport {
  /** One entry per input, in input order. */
  readonly files: readonly AuditFileResult[];
  /** Sorted: errors, then warnings, then info; then by file and line. */
  readonly findings: readonly AuditFinding[];
  readonly scenarios: AuditScenarios;
  readonly drain?: AuditDrain;
}

export interface AuditOptions {
  /** Database `max_connections`, when the user gives it (the files rarely say). */
  readonly maxDbConnections?: number;
  /** Resident memory of one Gunicorn worker in MiB, when the user gives it. */
  readonly perWorkerMemoryMiB?: number;
  /** How long the app takes to boot, in seconds, when the user gives it. */
  readonly appBootSeconds?: number;
  /** Number of tasks / replicas when the files do not say. */
  readonly replicas?: number;
}

/** Inputs larger than this (in UTF-16 code units) get a notice instead of being read. */
export const MAX_AUDIT_FILE_CHARS = 1_048_576;
