import type { ExerciseChapter } from '../../sim/training/types';

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
