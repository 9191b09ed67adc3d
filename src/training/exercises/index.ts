/**
 * Every exercise of the site, in chapter order. Each chapter's list lives in its own file;
 * src/sim/training/schema.ts validates them all in a unit test (exercises.test.ts).
 */
import type { Exercise } from '../../sim/training/types';
import { developmentServerExercises } from './01-development-server';
import { choosingServerExercises } from './02-choosing-a-wsgi-server';
import { gunicornExercises } from './03-gunicorn';
import { reverseProxyExercises } from './04-reverse-proxies';
import { containerExercises } from './05-the-container';
import { shutdownExercises } from './06-graceful-shutdown';
import { asyncExercises } from './07-async-views';

export const EXERCISES: readonly Exercise[] = [
  ...developmentServerExercises,
  ...choosingServerExercises,
  ...gunicornExercises,
  ...reverseProxyExercises,
  ...containerExercises,
  ...shutdownExercises,
  ...asyncExercises,
];

export function exercisesForChapter(chapter: string): Exercise[] {
  return EXERCISES.filter((exercise) => exercise.chapter === chapter);
}

export function findExercise(id: string): Exercise | undefined {
  return EXERCISES.find((exercise) => exercise.id === id);
}

export { CHAPTER_TITLES } from './chapter-titles';
