/**
 * The learner's progress: which exercises are solved (with hints used and attempts), the
 * checklist's ticks, and where they left off. It lives in localStorage and travels as a JSON
 * file (export/import), so every read is defensive: anything that is not our format, from
 * another site, a future version or a hand edit, is dropped with a notice — never trusted.
 */

export const PROGRESS_FORMAT = 'flask-deploy-lab/progress';
export const PROGRESS_VERSION = 1;

/** Bounds that keep a hostile file from growing the page's state without limit. */
export const PROGRESS_LIMITS = {
  exercises: 500,
  checklistItems: 200,
  idLength: 80,
  hrefLength: 200,
  titleLength: 200,
  count: 10_000,
  /** Arrays/objects nested deeper than this are refused before parsing (progress nests 4 deep). */
  depth: 16,
  /**
   * Text longer than this is refused before it is parsed. The largest progress the site can
   * save (every bound full, 80-character ids) is about 142 K characters; progress.test.ts
   * checks it fits. Parsing is the one main-thread cost of an import, so the limit stays near.
   */
  fileChars: 192 * 1024,
} as const;

export interface ExerciseProgress {
  /** True once the learner's own answer passed (revealing the solution does not count). */
  readonly solved: boolean;
  readonly attempts: number;
  /** How many hints were revealed (the most ever revealed). */
  readonly hintsUsed: number;
  readonly solutionShown: boolean;
  /** ISO time of the first correct answer, or null. */
  readonly solvedAt: string | null;
}

export interface ResumePoint {
  readonly href: string;
  readonly title: string;
  readonly at: string;
}

export interface Progress {
  readonly format: typeof PROGRESS_FORMAT;
  readonly version: typeof PROGRESS_VERSION;
  readonly exercises: Readonly<Record<string, ExerciseProgress>>;
  readonly checklist: Readonly<Record<string, boolean>>;
  readonly resume: ResumePoint | null;
}

export function createEmptyProgress(): Progress {
  return {
    format: PROGRESS_FORMAT,
    version: PROGRESS_VERSION,
    exercises: createEntries(),
    checklist: createEntries(),
    resume: null,
  };
}

export const EMPTY_EXERCISE_PROGRESS: ExerciseProgress = {
  solved: false,
  attempts: 0,
  hintsUsed: 0,
  solutionShown: false,
  solvedAt: null,
};

export interface ParsedProgress {
  readonly progress: Progress;
  /** Set when something was dropped or the whole input was unusable. */
  readonly notice: string | null;
}

/**
 * The ids this site has: exercises in the manifest and checklist items. Entries for them are
 * always kept; entries for other ids (an older or newer site, a hand-edited file) fill what is
 * left of the bounds, the learner's own first. Passed in, so the model does not depend on the
 * exercise definitions.
 */
export interface ProgressCatalog {
  readonly exercises: ReadonlySet<string>;
  readonly checklist: ReadonlySet<string>;
}

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether `value` can name an exercise or checklist item in stored progress. */
export function isProgressId(value: string): boolean {
  return value.length <= PROGRESS_LIMITS.idLength && ID.test(value);
}

/**
 * A map from id to entry with no prototype, so an id such as `constructor` or `toString` reads
 * as absent until it is set, and `__proto__` is an ordinary key (JSON.stringify writes it).
 */
function createEntries<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** The entry stored under `id`, never a property inherited from Object.prototype. */
export function ownEntry<T>(entries: Readonly<Record<string, T>>, id: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(entries, id) ? entries[id] : undefined;
}

function copyEntries<T>(entries: Readonly<Record<string, T>>): Record<string, T> {
  const copy = createEntries<T>();
  for (const [id, value] of Object.entries(entries)) copy[id] = value;
  return copy;
}

interface Bounded<T> {
  readonly entries: Record<string, T>;
  /** Entries for unknown ids left out because the bound was reached. */
  readonly leftOut: number;
  /** Entries `read` refused (malformed, or an id stored progress cannot hold). */
  readonly bad: number;
}

/**
 * The one bound merge, load and save share: every entry for a known id, then entries for
 * unknown ids in the order given while fewer than `limit` entries are kept. The first
 * occurrence of an id wins. `read` gives an id's entry or null for a bad one; it is called
 * only for entries that can still be kept, so a file of 10,000 entries costs 500 reads.
 */
function boundEntries<T>(
  ids: readonly string[],
  read: (id: string) => T | null,
  known: ReadonlySet<string>,
  limit: number,
): Bounded<T> {
  const entries = createEntries<T>();
  let kept = 0;
  let bad = 0;
  const keep = (id: string) => {
    const value = read(id);
    if (value === null) {
      bad += 1;
      return;
    }
    entries[id] = value;
    kept += 1;
  };
  for (const id of ids) {
    if (known.has(id) && ownEntry(entries, id) === undefined) keep(id);
  }
  let leftOut = 0;
  for (const id of ids) {
    if (known.has(id) || ownEntry(entries, id) !== undefined) continue;
    if (kept >= limit) leftOut += 1;
    else keep(id);
  }
  return { entries, leftOut, bad };
}

export interface BoundedProgress {
  readonly progress: Progress;
  /** Entries for ids this site does not have that did not fit the bounds. */
  readonly leftOut: number;
}

/** Apply the bounds (see boundEntries) to progress about to be kept or saved. */
export function boundProgress(progress: Progress, catalog: ProgressCatalog): BoundedProgress {
  const exercises = boundEntries(
    Object.keys(progress.exercises),
    (id) => ownEntry(progress.exercises, id) ?? null,
    catalog.exercises,
    PROGRESS_LIMITS.exercises,
  );
  const checklist = boundEntries(
    Object.keys(progress.checklist),
    (id) => ownEntry(progress.checklist, id) ?? null,
    catalog.checklist,
    PROGRESS_LIMITS.checklistItems,
  );
  return {
    progress: { ...progress, exercises: exercises.entries, checklist: checklist.entries },
    leftOut: exercises.leftOut + checklist.leftOut,
  };
}

function count(value: unknown): number | null {
  return typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= 0 &&
    value <= PROGRESS_LIMITS.count
    ? value
    : null;
}

function time(value: unknown): string | null {
  return typeof value === 'string' && ISO_TIME.test(value) && !Number.isNaN(Date.parse(value))
    ? value
    : null;
}

/** A site-relative path, never a URL with a scheme or host (a resume link must stay on the site). */
export function isSitePath(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length <= PROGRESS_LIMITS.hrefLength &&
    /^\/(?!\/)[A-Za-z0-9\-._~/]*(?:#[A-Za-z0-9\-._~]*)?$/.test(value)
  );
}

function readExercise(raw: unknown): ExerciseProgress | null {
  if (!isRecord(raw)) return null;
  const attempts = count(raw['attempts']);
  const hintsUsed = count(raw['hintsUsed']);
  const solved = raw['solved'];
  if (typeof solved !== 'boolean' || attempts === null || hintsUsed === null) return null;
  return {
    solved,
    attempts,
    hintsUsed,
    solutionShown: raw['solutionShown'] === true,
    solvedAt: solved ? time(raw['solvedAt']) : null,
  };
}

/** The bounded, well-formed entries of an untrusted object (parsed JSON), in its own order. */
function readEntries<T>(
  raw: unknown,
  read: (value: unknown) => T | null,
  known: ReadonlySet<string>,
  limit: number,
): Bounded<T> {
  if (raw === undefined) return { entries: createEntries(), leftOut: 0, bad: 0 };
  if (!isRecord(raw)) return { entries: createEntries(), leftOut: 0, bad: 1 };
  return boundEntries(
    Object.keys(raw),
    (id) => (isProgressId(id) ? read(raw[id]) : null),
    known,
    limit,
  );
}

function describeDropped(bad: number, leftOut: number): string | null {
  const parts: string[] = [];
  if (bad > 0) {
    parts.push(
      `${bad} saved entr${bad === 1 ? 'y was' : 'ies were'} not understood and ${bad === 1 ? 'was' : 'were'} ignored.`,
    );
  }
  if (leftOut > 0) {
    parts.push(
      `${leftOut} entr${leftOut === 1 ? 'y' : 'ies'} for exercises or checklist items this site does not have ${leftOut === 1 ? 'was' : 'were'} not kept (at most ${PROGRESS_LIMITS.exercises} exercise entries are kept; this site’s own exercises always are).`,
    );
  }
  return parts.length === 0 ? null : parts.join(' ');
}

/**
 * Read progress from untrusted data (parsed JSON). Unknown formats yield empty progress and a
 * notice; individual bad entries are dropped and counted in the notice, and the bounds are the
 * ones saving applies, so progress the site saved always loads whole and without a notice.
 */
export function parseProgress(raw: unknown, catalog: ProgressCatalog): ParsedProgress {
  if (!isRecord(raw) || raw['format'] !== PROGRESS_FORMAT) {
    return {
      progress: createEmptyProgress(),
      notice: 'The saved progress is not in this site’s format, so it was ignored.',
    };
  }
  if (raw['version'] !== PROGRESS_VERSION) {
    return {
      progress: createEmptyProgress(),
      notice: `The saved progress is version ${String(raw['version']).slice(0, 20)}; this site reads version ${PROGRESS_VERSION}, so it was ignored.`,
    };
  }
  const exercises = readEntries(
    raw['exercises'],
    readExercise,
    catalog.exercises,
    PROGRESS_LIMITS.exercises,
  );
  const checklist = readEntries(
    raw['checklist'],
    (value) => (typeof value === 'boolean' ? value : null),
    catalog.checklist,
    PROGRESS_LIMITS.checklistItems,
  );
  let bad = exercises.bad + checklist.bad;
  let resume: ResumePoint | null = null;
  const rawResume = raw['resume'];
  if (isRecord(rawResume)) {
    const at = time(rawResume['at']);
    const title = rawResume['title'];
    if (isSitePath(rawResume['href']) && typeof title === 'string' && at !== null) {
      resume = { href: rawResume['href'], title: title.slice(0, PROGRESS_LIMITS.titleLength), at };
    } else {
      bad += 1;
    }
  } else if (rawResume !== null && rawResume !== undefined) {
    bad += 1;
  }
  return {
    progress: {
      format: PROGRESS_FORMAT,
      version: PROGRESS_VERSION,
      exercises: exercises.entries,
      checklist: checklist.entries,
      resume,
    },
    notice: describeDropped(bad, exercises.leftOut + checklist.leftOut),
  };
}

/**
 * Whether JSON `text` opens more than `limit` arrays or objects inside each other (strings
 * skipped). Progress nests four deep; a file of 200,000 brackets is refused by this linear
 * scan instead of costing the browser's JSON.parse hundreds of milliseconds on the main thread.
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c)
        index += 1; // backslash: skip the escaped character
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x7b || code === 0x5b) {
      depth += 1;
      if (depth > limit) return true;
    } else if (code === 0x7d || code === 0x5d) {
      depth -= 1;
    }
  }
  return false;
}

/** Parse a JSON text (a stored value or an imported file). Never throws. */
export function parseProgressText(text: string | null, catalog: ProgressCatalog): ParsedProgress {
  if (text === null || text === '') return { progress: createEmptyProgress(), notice: null };
  if (text.length > PROGRESS_LIMITS.fileChars) {
    return {
      progress: createEmptyProgress(),
      notice: 'The progress data is far too large to be ours, so it was ignored.',
    };
  }
  if (nestsDeeperThan(text, PROGRESS_LIMITS.depth)) {
    return {
      progress: createEmptyProgress(),
      notice: 'The progress data is nested far deeper than this site’s format, so it was ignored.',
    };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return {
      progress: createEmptyProgress(),
      notice: 'The saved progress is not valid JSON, so it was ignored.',
    };
  }
  return parseProgress(raw, catalog);
}

/** The stored form, bounded like a load would be, so what is saved always loads whole. */
export function serializeProgress(progress: Progress, catalog: ProgressCatalog): string {
  return JSON.stringify(boundProgress(progress, catalog).progress, null, 2);
}

function laterResume(a: ResumePoint | null, b: ResumePoint | null): ResumePoint | null {
  if (a === null) return b;
  if (b === null) return a;
  return Date.parse(b.at) > Date.parse(a.at) ? b : a;
}

function earlier(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return Date.parse(a) <= Date.parse(b) ? a : b;
}

function combineExercise(mine: ExerciseProgress, theirs: ExerciseProgress): ExerciseProgress {
  return {
    solved: mine.solved || theirs.solved,
    attempts: Math.max(mine.attempts, theirs.attempts),
    hintsUsed: Math.max(mine.hintsUsed, theirs.hintsUsed),
    solutionShown: mine.solutionShown || theirs.solutionShown,
    solvedAt: earlier(mine.solved ? mine.solvedAt : null, theirs.solved ? theirs.solvedAt : null),
  };
}

/**
 * Merge imported progress into the current one: solved wins, counts take the larger value, a
 * tick in either keeps the item ticked, the later resume point wins. The result is bounded
 * like a load: entries for this site's exercises always stay, then the learner's own entries
 * for other ids, then the file's. Importing the same file twice changes nothing.
 */
export function mergeProgress(
  current: Progress,
  incoming: Progress,
  catalog: ProgressCatalog,
): BoundedProgress {
  // Ordered lists, not objects: an object lists integer-like keys ("0", "499") first, which
  // would put a file's entries ahead of the learner's own when the bound is applied.
  const exercises: [string, ExerciseProgress][] = Object.entries(current.exercises).map(
    ([id, mine]) => {
      const theirs = ownEntry(incoming.exercises, id);
      return [id, theirs === undefined ? mine : combineExercise(mine, theirs)];
    },
  );
  for (const [id, theirs] of Object.entries(incoming.exercises)) {
    if (ownEntry(current.exercises, id) === undefined) exercises.push([id, theirs]);
  }
  const checklist: [string, boolean][] = Object.entries(current.checklist).map(([id, mine]) => [
    id,
    mine || ownEntry(incoming.checklist, id) === true,
  ]);
  for (const [id, ticked] of Object.entries(incoming.checklist)) {
    if (ownEntry(current.checklist, id) === undefined) checklist.push([id, ticked]);
  }
  const exerciseMap = new Map(exercises);
  const checklistMap = new Map(checklist);
  const boundedExercises = boundEntries(
    exercises.map(([id]) => id),
    (id) => exerciseMap.get(id) ?? null,
    catalog.exercises,
    PROGRESS_LIMITS.exercises,
  );
  const boundedChecklist = boundEntries(
    checklist.map(([id]) => id),
    (id) => checklistMap.get(id) ?? null,
    catalog.checklist,
    PROGRESS_LIMITS.checklistItems,
  );
  return {
    progress: {
      ...current,
      exercises: boundedExercises.entries,
      checklist: boundedChecklist.entries,
      resume: laterResume(current.resume, incoming.resume),
    },
    leftOut: boundedExercises.leftOut + boundedChecklist.leftOut,
  };
}

/** Progress after one event on one exercise. */
export type ExerciseEvent =
  | { readonly type: 'attempt'; readonly correct: boolean; readonly at: string }
  | { readonly type: 'hint'; readonly hintsShown: number }
  | { readonly type: 'solution-shown' };

export function recordExerciseEvent(
  progress: Progress,
  exerciseId: string,
  event: ExerciseEvent,
): Progress {
  // An id stored progress cannot hold is never written, so a save always loads back whole.
  if (!isProgressId(exerciseId)) return progress;
  const before = ownEntry(progress.exercises, exerciseId) ?? EMPTY_EXERCISE_PROGRESS;
  let after: ExerciseProgress;
  switch (event.type) {
    case 'attempt':
      after = {
        ...before,
        attempts: Math.min(PROGRESS_LIMITS.count, before.attempts + 1),
        solved: before.solved || event.correct,
        solvedAt: before.solved ? before.solvedAt : event.correct ? event.at : null,
      };
      break;
    case 'hint':
      after = {
        ...before,
        hintsUsed: Math.max(before.hintsUsed, Math.min(PROGRESS_LIMITS.count, event.hintsShown)),
      };
      break;
    case 'solution-shown':
      after = { ...before, solutionShown: true };
      break;
  }
  const exercises = copyEntries(progress.exercises);
  exercises[exerciseId] = after;
  return { ...progress, exercises };
}

export function setChecklistItem(progress: Progress, itemId: string, ticked: boolean): Progress {
  if (!isProgressId(itemId)) return progress;
  const checklist = copyEntries(progress.checklist);
  checklist[itemId] = ticked;
  return { ...progress, checklist };
}

export function setResumePoint(progress: Progress, point: ResumePoint): Progress {
  return isSitePath(point.href) ? { ...progress, resume: point } : progress;
}

export interface ChapterSummary {
  readonly chapter: string;
  readonly solved: number;
  readonly total: number;
  readonly complete: boolean;
}

/** Solved/total per chapter, counting only exercises that still exist. */
export function summarizeChapters(
  progress: Progress,
  exercises: readonly { readonly id: string; readonly chapter: string }[],
): ChapterSummary[] {
  const byChapter = new Map<string, { solved: number; total: number }>();
  for (const exercise of exercises) {
    const entry = byChapter.get(exercise.chapter) ?? { solved: 0, total: 0 };
    entry.total += 1;
    if (ownEntry(progress.exercises, exercise.id)?.solved === true) entry.solved += 1;
    byChapter.set(exercise.chapter, entry);
  }
  return [...byChapter.entries()].map(([chapter, { solved, total }]) => ({
    chapter,
    solved,
    total,
    complete: total > 0 && solved === total,
  }));
}
