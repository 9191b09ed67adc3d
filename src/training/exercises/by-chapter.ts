/**
 * One chapter's exercises, loaded on demand: each chapter page's exercises island fetches only
 * its own chapter's list (a small chunk) instead of every exercise of the site.
 */
import type { Exercise, ExerciseChapter } from '../../sim/training/types';

const LOADERS: Readonly<Record<ExerciseChapter, () => Promise<readonly Exercise[]>>> = {
  '/development-server/': () =>
    import('./01-development-server').then((m) => m.developmentServerExercises),
  '/choosing-a-wsgi-server/': () =>
    import('./02-choosing-a-wsgi-server').then((m) => m.choosingServerExercises),
  '/gunicorn/': () => import('./03-gunicorn').then((m) => m.gunicornExercises),
  '/reverse-proxies/': () => import('./04-reverse-proxies').then((m) => m.reverseProxyExercises),
  '/the-container/': () => import('./05-the-container').then((m) => m.containerExercises),
  '/graceful-shutdown/': () => import('./06-graceful-shutdown').then((m) => m.shutdownExercises),
  '/async-views/': () => import('./07-async-views').then((m) => m.asyncExercises),
};

/** The chapter's exercises in order; an empty list for a path that has none. */
export async function loadChapterExercises(chapter: string): Promise<Exercise[]> {
  const load = Object.hasOwn(LOADERS, chapter) ? LOADERS[chapter as ExerciseChapter] : undefined;
  if (!load) return [];
  const list = await load();
  return list.filter((exercise) => exercise.chapter === chapter);
}
