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
  /** Text longer than this is refused before it is parsed. */
  fileChars: 512 * 1024,
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
    exercises: {},
    checklist: {},
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

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isId(value: string): boolean {
  return value.length <= PROGRESS_LIMITS.idLength && ID.test(value);
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
  const attempts = count(raw.attempts);
  const hintsUsed = count(raw.hintsUsed);
  if (typeof raw.solved !== 'boolean' || attempts === null || hintsUsed === null) return null;
  return {
    solved: raw.solved,
    attempts,
    hintsUsed,
    solutionShown: raw.solutionShown === true,
    solvedAt: raw.solved ? time(raw.solvedAt) : null,
  };
}

/**
 * Read progress from untrusted data (parsed JSON). Unknown formats yield empty progress and a
 * notice; individual bad entries are dropped and counted in the notice.
 */
export function parseProgress(raw: unknown): ParsedProgress {
  if (!isRecord(raw) || raw.format !== PROGRESS_FORMAT) {
    return {
      progress: createEmptyProgress(),
      notice: 'The saved progress is not in this site’s format, so it was ignored.',
    };
  }
  if (raw.version !== PROGRESS_VERSION) {
    return {
      progress: createEmptyProgress(),
      notice: `The saved progress is version ${String(raw.version).slice(0, 20)}; this site reads version ${PROGRESS_VERSION}, so it was ignored.`,
    };
  }
  let dropped = 0;
  const exercises: Record<string, ExerciseProgress> = {};
  if (isRecord(raw.exercises)) {
    for (const [id, entry] of Object.entries(raw.exercises)) {
      const value = isId(id) ? readExercise(entry) : null;
      if (value === null || Object.keys(exercises).length >= PROGRESS_LIMITS.exercises) {
        dropped += 1;
        continue;
      }
      exercises[id] = value;
    }
  } else if (raw.exercises !== undefined) {
    dropped += 1;
  }
  const checklist: Record<string, boolean> = {};
  if (isRecord(raw.checklist)) {
    for (const [id, ticked] of Object.entries(raw.checklist)) {
      if (
        !isId(id) ||
        typeof ticked !== 'boolean' ||
        Object.keys(checklist).length >= PROGRESS_LIMITS.checklistItems
      ) {
        dropped += 1;
        continue;
      }
      checklist[id] = ticked;
    }
  } else if (raw.checklist !== undefined) {
    dropped += 1;
  }
  let resume: ResumePoint | null = null;
  if (isRecord(raw.resume)) {
    const at = time(raw.resume.at);
    if (isSitePath(raw.resume.href) && typeof raw.resume.title === 'string' && at !== null) {
      resume = {
        href: raw.resume.href,
        title: raw.resume.title.slice(0, PROGRESS_LIMITS.titleLength),
        at,
      };
    } else {
      dropped += 1;
    }
  } else if (raw.resume !== null && raw.resume !== undefined) {
    dropped += 1;
  }
  return {
    progress: { format: PROGRESS_FORMAT, version: PROGRESS_VERSION, exercises, checklist, resume },
    notice:
      dropped === 0
        ? null
        : `${dropped} saved entr${dropped === 1 ? 'y was' : 'ies were'} not understood and ${dropped === 1 ? 'was' : 'were'} ignored.`,
  };
}

/** Parse a JSON text (a stored value or an imported file). Never throws. */
export function parseProgressText(text: string | null): ParsedProgress {
  if (text === null || text === '') return { progress: createEmptyProgress(), notice: null };
  if (text.length > PROGRESS_LIMITS.fileChars) {
    return {
      progress: createEmptyProgress(),
      notice: 'The progress data is far too large to be ours, so it was ignored.',
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
  return parseProgress(raw);
}

export function serializeProgress(progress: Progress): string {
  return JSON.stringify(progress, null, 2);
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

/**
 * Merge imported progress into the current one: solved wins, counts take the larger value, a
 * tick in either keeps the item ticked, the later resume point wins. Merging is commutative,
 * so importing the same file twice changes nothing.
 */
export function mergeProgress(current: Progress, incoming: Progress): Progress {
  const exercises: Record<string, ExerciseProgress> = { ...current.exercises };
  for (const [id, theirs] of Object.entries(incoming.exercises)) {
    const mine = exercises[id];
    exercises[id] =
      mine === undefined
        ? theirs
        : {
            solved: mine.solved || theirs.solved,
            attempts: Math.max(mine.attempts, theirs.attempts),
            hintsUsed: Math.max(mine.hintsUsed, theirs.hintsUsed),
            solutionShown: mine.solutionShown || theirs.solutionShown,
            solvedAt: earlier(
              mine.solved ? mine.solvedAt : null,
              theirs.solved ? theirs.solvedAt : null,
            ),
          };
  }
  const checklist: Record<string, boolean> = { ...current.checklist };
  for (const [id, ticked] of Object.entries(incoming.checklist)) {
    checklist[id] = (checklist[id] ?? false) || ticked;
  }
  return { ...current, exercises, checklist, resume: laterResume(current.resume, incoming.resume) };
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
  const before = progress.exercises[exerciseId] ?? EMPTY_EXERCISE_PROGRESS;
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
  return { ...progress, exercises: { ...progress.exercises, [exerciseId]: after } };
}

export function setChecklistItem(progress: Progress, itemId: string, ticked: boolean): Progress {
  return { ...progress, checklist: { ...progress.checklist, [itemId]: ticked } };
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
    if (progress.exercises[exercise.id]?.solved === true) entry.solved += 1;
    byChapter.set(exercise.chapter, entry);
  }
  return [...byChapter.entries()].map(([chapter, { solved, total }]) => ({
    chapter,
    solved,
    total,
    complete: total > 0 && solved === total,
  }));
}
