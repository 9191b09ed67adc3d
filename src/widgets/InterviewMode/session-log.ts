/**
 * The candidate's log survives a reload (sessionStorage, this tab only). What comes back is
 * validated entry by entry; anything odd means starting afresh.
 */
import type { InterviewPlan, LogEntry, LogType } from '../../sim/training/interview';
import { MAX_DETAIL_CHARS, MAX_LOG_ENTRIES } from '../../sim/training/interview';

const TYPES: readonly LogType[] = ['start', 'open', 'answer', 'change', 'finish'];

export interface SessionLog {
  readonly startedAt: number;
  readonly log: LogEntry[];
}

function key(plan: InterviewPlan): string {
  return `fdl-interview:${plan.seed}:${plan.exerciseIds.join(',')}`;
}

function readEntry(raw: unknown): LogEntry | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  if (typeof r.atMs !== 'number' || !Number.isFinite(r.atMs) || r.atMs < 0) return null;
  if (typeof r.type !== 'string' || !(TYPES as readonly string[]).includes(r.type)) return null;
  if (r.exerciseId !== null && typeof r.exerciseId !== 'string') return null;
  if (typeof r.detail !== 'string' || r.detail.length > MAX_DETAIL_CHARS) return null;
  if (r.correct !== null && typeof r.correct !== 'boolean') return null;
  return {
    atMs: r.atMs,
    type: r.type as LogType,
    exerciseId: r.exerciseId,
    detail: r.detail,
    correct: r.correct,
  };
}

export function loadSessionLog(plan: InterviewPlan): SessionLog | null {
  try {
    const text = window.sessionStorage.getItem(key(plan));
    if (text === null || text.length > 4_000_000) return null;
    const raw = JSON.parse(text) as unknown;
    if (typeof raw !== 'object' || raw === null) return null;
    const r = raw as Record<string, unknown>;
    if (typeof r.startedAt !== 'number' || !Array.isArray(r.log) || r.log.length > MAX_LOG_ENTRIES)
      return null;
    const log = r.log.map(readEntry);
    if (log.some((entry) => entry === null)) return null;
    return { startedAt: r.startedAt, log: log as LogEntry[] };
  } catch {
    return null;
  }
}

export function saveSessionLog(plan: InterviewPlan, value: SessionLog): void {
  try {
    window.sessionStorage.setItem(key(plan), JSON.stringify(value));
  } catch {
    // Not kept across a reload; the interview still works.
  }
}
