/**
 * Limits on what the audit is handed, shared by the page and the CLI: which folders are
 * skipped, what counts as binary, how many files at most, and a defensive copy of a request
 * (the Web Worker never trusts its message).
 */
import {
  AUDIT_KINDS,
  MAX_AUDIT_FILE_CHARS,
  type AuditInput,
  type AuditKind,
  type AuditOptions,
} from '../../sim/audit/types';

/** Folders never read when a whole folder is given. */
export const SKIPPED_DIRS: ReadonlySet<string> = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  '__pycache__',
  '.venv',
  'venv',
  '.tox',
  '.mypy_cache',
  '.pytest_cache',
]);

/** At most this many files in one audit; a folder with more is cut, with a message. */
export const MAX_AUDIT_FILES = 400;
/** Bytes read from a file: one more than the audit accepts, so the audit can say "too large". */
export const MAX_READ_BYTES = MAX_AUDIT_FILE_CHARS + 1;
/** Longest file name kept. */
export const MAX_NAME_CHARS = 300;

/** True when a path (either slash) goes through a folder the audit never reads. */
export function isSkippedPath(path: string): boolean {
  return path.split(/[\\/]/).some((segment) => SKIPPED_DIRS.has(segment));
}

/** Git's heuristic: a NUL byte in the first 8,000 bytes means binary. */
export function looksBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 8000);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return true;
  return false;
}

/** UTF-8 text of at most MAX_READ_BYTES bytes (invalid sequences become U+FFFD). */
export function decodeText(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes.subarray(0, MAX_READ_BYTES));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isKind(value: unknown): value is AuditKind {
  return typeof value === 'string' && (AUDIT_KINDS as readonly string[]).includes(value);
}

/** A clean copy of a list of inputs, or null when it is not one. */
export function sanitizeInputs(raw: unknown): AuditInput[] | null {
  if (!Array.isArray(raw)) return null;
  const out: AuditInput[] = [];
  for (const item of raw.slice(0, MAX_AUDIT_FILES)) {
    if (!isRecord(item) || typeof item.name !== 'string' || typeof item.text !== 'string')
      return null;
    const input = {
      name: item.name.slice(0, MAX_NAME_CHARS) || 'untitled',
      text: item.text.slice(0, MAX_READ_BYTES),
    };
    out.push(isKind(item.kind) ? { ...input, kind: item.kind } : input);
  }
  return out;
}

const OPTION_RANGES: Readonly<Record<keyof AuditOptions, readonly [number, number]>> = {
  maxDbConnections: [1, 1_000_000],
  perWorkerMemoryMiB: [1, 1_048_576],
  appBootSeconds: [0, 86_400],
  replicas: [1, 10_000],
};

/** Only known, finite, in-range numbers survive. */
export function sanitizeOptions(raw: unknown): AuditOptions {
  if (!isRecord(raw)) return {};
  const out: { -readonly [K in keyof AuditOptions]: number } = {};
  for (const key of Object.keys(OPTION_RANGES) as (keyof AuditOptions)[]) {
    const [min, max] = OPTION_RANGES[key];
    const value = raw[key];
    if (typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max)
      out[key] = value;
  }
  return out;
}
