/**
 * Every exercise of the site, in chapter order. Each chapter's list lives in its own file;
 * src/sim/training/schema.ts validates them all in a unit test (exercises.test.ts).
 */
import type { Exercise, ExerciseChapter } from '../../sim/training/types';
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

/** Chapter titles for lists (the chapter pages own the real titles). */
export const CHAPTER_TITLES: Readonly<Record<ExerciseChapter, string>> = {
  '/development-server/': '1. The development server',
  '/choosing-a-wsgi-server/': '2. Choosing a WSGI server',
  '/gunicorn/': '3. Gunicorn',
  '/reverse-proxies/': '4. Behind a reverse proxy',
  '/the-container/': '5. The production container',
  '/graceful-shutdown/': '6. Graceful shutdown',
  '/async-views/': '7. async def views',
};
