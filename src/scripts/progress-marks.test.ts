// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { importProgressText, loadProgress, PROGRESS_STORAGE_KEY } from '../runtime/progress-store';
import { EXERCISE_MANIFEST } from '../training/exercise-manifest';
import { setupProgressMarks } from './progress-marks';

/** The chapter's exercises plus the goals inside its widgets: each counts in the mark. */
const proxyChapterTotal = EXERCISE_MANIFEST.filter((e) => e.chapter === '/reverse-proxies/').length;

const at = '2026-11-28T10:00:00.000Z';
const stored = {
  format: 'flask-deploy-lab/progress',
  version: 1,
  exercises: {
    'proxy-count-cloudfront-alb': { solved: true, attempts: 1, hintsUsed: 1, solvedAt: at },
    'async-concurrency': { solved: true, attempts: 1, hintsUsed: 0, solvedAt: at },
    'async-find-bug-create-task': { solved: true, attempts: 2, hintsUsed: 0, solvedAt: at },
    'async-extra': { solved: true, attempts: 1, hintsUsed: 0, solvedAt: at },
  },
  checklist: {},
  resume: { href: '/reverse-proxies/#exercises', title: 'Proxies', at },
};

beforeEach(() => {
  localStorage.clear();
  document.body.innerHTML = `
    <span class="progress-mark" data-progress-chapter="/reverse-proxies/"></span>
    <span class="progress-mark" data-progress-chapter="/async-views/"></span>
    <span class="progress-mark" data-progress-chapter="/gunicorn/"></span>
    <a href="/progress/" data-resume-link>Resume where you left off</a>`;
});

describe('progress marks', () => {
  it('marks partial and complete chapters and points the resume link at the last exercise', () => {
    localStorage.setItem(PROGRESS_STORAGE_KEY, JSON.stringify(stored));
    setupProgressMarks();
    const marks = [...document.querySelectorAll<HTMLElement>('.progress-mark')];
    expect(marks.map((m) => m.dataset['progressState'])).toEqual([
      'partial',
      'complete',
      undefined,
    ]);
    expect(proxyChapterTotal).toBeGreaterThan(4); // four exercises and at least one widget goal
    expect(marks[0]?.textContent).toBe(
      `1/${proxyChapterTotal} (1 of ${proxyChapterTotal} exercises solved)`,
    );
    expect(marks[2]?.textContent).toBe('');
    const link = document.querySelector('a[data-resume-link]');
    expect(link?.getAttribute('href')).toBe('/reverse-proxies/#exercises');
  });

  it('leaves the page alone when storage holds something else, and the store says why', () => {
    localStorage.setItem(PROGRESS_STORAGE_KEY, '<script>alert(1)</script>');
    setupProgressMarks();
    expect(document.querySelector('a[data-resume-link]')?.getAttribute('href')).toBe('/progress/');
    expect(document.querySelectorAll('script')).toHaveLength(0);
    expect(loadProgress().notice).toContain('not valid JSON');
  });
});

describe('import', () => {
  it('merges a file and refuses a foreign one without touching what is stored', () => {
    expect(importProgressText(JSON.stringify(stored)).ok).toBe(true);
    const before = localStorage.getItem(PROGRESS_STORAGE_KEY);
    const refused = importProgressText('{"some":"other app"}');
    expect(refused.ok).toBe(false);
    expect(localStorage.getItem(PROGRESS_STORAGE_KEY)).toBe(before);
  });
});
