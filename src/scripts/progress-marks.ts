/**
 * Progress in the site chrome, without a framework: a mark per chapter in the sidebar and on
 * the home page (`.progress-mark[data-progress-chapter]`), and the home page's "Resume where
 * you left off" link (`a[data-resume-link]`). Also remembers the chapter being read as the
 * resume point — but only when the stored progress is readable, so corrupt data is never
 * silently overwritten (the progress page and the widgets show the notice instead).
 * The lead's site.ts calls `setupProgressMarks()` once per page.
 */
import { loadProgress, subscribeProgress, updateProgress } from '../runtime/progress-store';
import { setResumePoint, summarizeChapters, type Progress } from '../sim/training/progress';
import { EXERCISE_MANIFEST } from '../training/exercise-manifest';

const CHAPTER_PATH = /^\/[a-z0-9-]+\/$/;

function renderMarks(progress: Progress): void {
  const summaries = new Map(
    summarizeChapters(progress, EXERCISE_MANIFEST).map((s) => [s.chapter, s]),
  );
  for (const mark of document.querySelectorAll<HTMLElement>(
    '.progress-mark[data-progress-chapter]',
  )) {
    const summary = summaries.get(mark.dataset['progressChapter'] ?? '');
    mark.replaceChildren();
    if (summary === undefined || summary.solved === 0) {
      delete mark.dataset['progressState'];
      continue;
    }
    const visible = document.createElement('span');
    visible.setAttribute('aria-hidden', 'true');
    visible.textContent = summary.complete ? '✓' : `${summary.solved}/${summary.total}`;
    const spoken = document.createElement('span');
    spoken.className = 'visually-hidden';
    spoken.textContent = summary.complete
      ? ' (all exercises solved)'
      : ` (${summary.solved} of ${summary.total} exercises solved)`;
    mark.append(visible, spoken);
    mark.dataset['progressState'] = summary.complete ? 'complete' : 'partial';
    mark.title = summary.complete
      ? 'All exercises solved'
      : `${summary.solved} of ${summary.total} exercises solved`;
  }
  const resume = progress.resume;
  for (const link of document.querySelectorAll<HTMLAnchorElement>('a[data-resume-link]')) {
    if (resume === null) continue;
    link.href = resume.href;
    link.textContent = `Resume: ${resume.title}`;
  }
}

function rememberChapter(): void {
  const path = window.location.pathname;
  if (!CHAPTER_PATH.test(path) || document.querySelector('.chapter-main') === null) return;
  const loaded = loadProgress();
  if (loaded.notice !== null) return;
  const heading = (document.querySelector('main h1')?.textContent ?? path).trim();
  updateProgress((progress) =>
    setResumePoint(progress, {
      href: path,
      title: heading.slice(0, 200),
      at: new Date().toISOString(),
    }),
  );
}

/** Fill the marks and the resume link now and whenever progress changes (any tab). */
export function setupProgressMarks(): void {
  try {
    rememberChapter();
    renderMarks(loadProgress().progress);
    subscribeProgress(() => {
      renderMarks(loadProgress().progress);
    });
  } catch {
    // Progress marks are decoration: a failure here must not break the page.
  }
}
