/**
 * The team page's table: several learners' exported progress files side by side. Each file
 * is read by the same parser and bounds as the learner's own import (progress.ts); this
 * module only lays the results out — per learner, which exercises are solved, with how many
 * hints, and when.
 */
import {
  ownEntry,
  summarizeChapters,
  type ChapterSummary,
  type ExerciseProgress,
  type Progress,
} from './progress';

export type ExerciseState = 'solved' | 'tried' | 'not-started';

export interface TeamCell {
  readonly state: ExerciseState;
  readonly attempts: number;
  readonly hintsUsed: number;
  readonly solutionShown: boolean;
  /** ISO time of the first correct answer, or null. */
  readonly solvedAt: string | null;
}

export interface TeamMember {
  readonly name: string;
  readonly cells: ReadonlyMap<string, TeamCell>;
  readonly chapters: ReadonlyMap<string, ChapterSummary>;
  readonly solved: number;
  readonly hintsUsed: number;
  /** The latest time the file records (a solve or the resume point), or null. */
  readonly lastActivity: string | null;
}

export interface TeamExercise {
  readonly id: string;
  readonly chapter: string;
}

function cellFor(entry: ExerciseProgress | undefined): TeamCell {
  if (entry === undefined) {
    return {
      state: 'not-started',
      attempts: 0,
      hintsUsed: 0,
      solutionShown: false,
      solvedAt: null,
    };
  }
  return {
    state: entry.solved ? 'solved' : entry.attempts > 0 ? 'tried' : 'not-started',
    attempts: entry.attempts,
    hintsUsed: entry.hintsUsed,
    solutionShown: entry.solutionShown,
    solvedAt: entry.solved ? entry.solvedAt : null,
  };
}

function later(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

/** One learner's row data, counting only exercises that exist (unknown ids are not shown). */
export function summarizeMember(
  name: string,
  progress: Progress,
  exercises: readonly TeamExercise[],
): TeamMember {
  const cells = new Map<string, TeamCell>();
  let solved = 0;
  let hintsUsed = 0;
  let lastActivity = progress.resume?.at ?? null;
  for (const exercise of exercises) {
    const cell = cellFor(ownEntry(progress.exercises, exercise.id));
    cells.set(exercise.id, cell);
    if (cell.state === 'solved') solved += 1;
    hintsUsed += cell.hintsUsed;
    lastActivity = later(lastActivity, cell.solvedAt);
  }
  const chapters = new Map(
    summarizeChapters(progress, exercises).map((summary) => [summary.chapter, summary]),
  );
  return { name, cells, chapters, solved, hintsUsed, lastActivity };
}

/**
 * Names for the table's columns from file names: the `.json` dropped, and a number added when
 * two files share a name (every export is called flask-deploy-lab-progress-DATE.json).
 */
export function memberNames(fileNames: readonly string[], taken: readonly string[] = []): string[] {
  const used = new Set(taken);
  return fileNames.map((fileName) => {
    const base =
      fileName
        .replace(/\.json$/i, '')
        .trim()
        .slice(0, 80) || 'unnamed file';
    let name = base;
    for (let copy = 2; used.has(name); copy += 1) name = `${base} (${copy})`;
    used.add(name);
    return name;
  });
}
