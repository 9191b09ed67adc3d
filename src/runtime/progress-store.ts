/**
 * Progress in localStorage: a thin, defensive wrapper around the pure model in
 * src/sim/training/progress.ts. Storage may be missing (privacy modes), full, shared with
 * another tab, or hold anything at all; every read goes through parseProgressText, and a value
 * that is not ours is ignored with a notice (and left alone until the learner saves over it).
 */
import {
  createEmptyProgress,
  mergeProgress,
  parseProgressText,
  PROGRESS_LIMITS,
  serializeProgress,
  type ParsedProgress,
  type Progress,
} from '../sim/training/progress';
import { PROGRESS_CATALOG } from '../training/progress-catalog';

export const PROGRESS_STORAGE_KEY = 'fdl-progress';
const CHANGE_EVENT = 'fdl-progress-change';

export interface LoadedProgress {
  readonly progress: Progress;
  readonly notice: string | null;
}

function storage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
}

export function loadProgress(): LoadedProgress {
  const store = storage();
  if (store === null) return { progress: createEmptyProgress(), notice: null };
  let text: string | null;
  try {
    text = store.getItem(PROGRESS_STORAGE_KEY);
  } catch {
    return {
      progress: createEmptyProgress(),
      notice: 'This browser does not let the site read its storage, so progress is not kept.',
    };
  }
  const parsed = parseProgressText(text, PROGRESS_CATALOG);
  return parsed.notice === null
    ? parsed
    : {
        progress: parsed.progress,
        notice: `${parsed.notice} Your next step here starts fresh progress.`,
      };
}

/** Save; returns a sentence when the browser refused (quota, privacy mode), else null. */
export function saveProgress(progress: Progress): string | null {
  const store = storage();
  if (store === null) return 'This browser has no storage for the site, so progress is not kept.';
  try {
    store.setItem(PROGRESS_STORAGE_KEY, serializeProgress(progress, PROGRESS_CATALOG));
  } catch {
    return 'The browser refused to save progress (storage full or disabled).';
  }
  window.dispatchEvent(new CustomEvent(CHANGE_EVENT));
  return null;
}

/** Apply a change to the stored progress (read fresh, so other tabs’ changes are kept). */
export function updateProgress(change: (progress: Progress) => Progress): string | null {
  return saveProgress(change(loadProgress().progress));
}

export function resetProgress(): string | null {
  const store = storage();
  try {
    store?.removeItem(PROGRESS_STORAGE_KEY);
  } catch {
    return 'The browser refused to clear the stored progress.';
  }
  window.dispatchEvent(new CustomEvent(CHANGE_EVENT));
  return null;
}

export interface ImportResult {
  readonly ok: boolean;
  readonly message: string;
}

export type ProgressFileResult =
  | { readonly ok: true; readonly parsed: ParsedProgress }
  | { readonly ok: false; readonly message: string };

/**
 * Files larger than this are refused before they are read; the character limit
 * (PROGRESS_LIMITS.fileChars) then applies to the text. Bytes may be up to 3 per character.
 */
export const MAX_PROGRESS_FILE_BYTES = 3 * PROGRESS_LIMITS.fileChars;

/**
 * Read an exported progress file's text (the progress page's import, the team page's rows):
 * the same parser and bounds as loading from storage. A file with nothing usable is refused
 * with a sentence; a file with some bad entries is read, its notice kept. Never throws.
 */
export function readProgressFile(text: string): ProgressFileResult {
  if (text.trim() === '') return { ok: false, message: 'Nothing was imported: the file is empty.' };
  const parsed = parseProgressText(text, PROGRESS_CATALOG);
  const empty =
    Object.keys(parsed.progress.exercises).length === 0 &&
    Object.keys(parsed.progress.checklist).length === 0 &&
    parsed.progress.resume === null;
  if (parsed.notice !== null && empty) {
    return {
      ok: false,
      message: `Nothing was imported: ${parsed.notice.replace('The saved progress', 'the file')}`,
    };
  }
  return { ok: true, parsed };
}

/** Read a file the learner or lead chose: size first, then readProgressFile. */
export async function readProgressUpload(file: Blob): Promise<ProgressFileResult> {
  if (file.size > MAX_PROGRESS_FILE_BYTES) {
    return {
      ok: false,
      message: 'Nothing was imported: the file is larger than a progress file can be.',
    };
  }
  let text: string;
  try {
    text = await file.text();
  } catch {
    return { ok: false, message: 'Nothing was imported: the file could not be read.' };
  }
  return readProgressFile(text);
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Merge an exported file into the stored progress. Foreign or corrupt files change nothing. */
export function importProgressText(text: string): ImportResult {
  const read = readProgressFile(text);
  if (!read.ok) return read;
  const { parsed } = read;
  const entries = Object.entries(parsed.progress.exercises);
  let leftOut = 0;
  const failure = updateProgress((current) => {
    const merged = mergeProgress(current, parsed.progress, PROGRESS_CATALOG);
    leftOut = merged.leftOut;
    return merged.progress;
  });
  if (failure !== null) return { ok: false, message: failure };
  const solved = entries.filter(
    ([id, entry]) => entry.solved && PROGRESS_CATALOG.exercises.has(id),
  ).length;
  const foreign = entries.filter(([id]) => !PROGRESS_CATALOG.exercises.has(id)).length;
  const notes = [
    `Imported: ${plural(solved, 'solved exercise', 'solved exercises')} merged into this browser’s progress.`,
  ];
  if (foreign > 0) {
    notes.push(
      `${plural(foreign, 'entry names an exercise', 'entries name exercises')} this site does not have${
        leftOut > 0
          ? `; ${leftOut} of them ${leftOut === 1 ? 'was' : 'were'} not kept, because your own entries come first.`
          : ' (kept, not shown).'
      }`,
    );
  }
  if (parsed.notice !== null) notes.push(parsed.notice);
  return { ok: true, message: notes.join(' ') };
}

export function exportFileName(now: Date): string {
  return `flask-deploy-lab-progress-${now.toISOString().slice(0, 10)}.json`;
}

/** Offer `text` as a file download (export of progress, checklists and interview logs). */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 1000);
}

/** Call `listener` when progress changes in this tab or another one. Returns an unsubscribe. */
export function subscribeProgress(listener: () => void): () => void {
  const onStorage = (event: StorageEvent) => {
    if (event.key === null || event.key === PROGRESS_STORAGE_KEY) listener();
  };
  window.addEventListener(CHANGE_EVENT, listener);
  window.addEventListener('storage', onStorage);
  return () => {
    window.removeEventListener(CHANGE_EVENT, listener);
    window.removeEventListener('storage', onStorage);
  };
}
