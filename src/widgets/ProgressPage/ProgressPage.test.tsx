// @vitest-environment happy-dom
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { PROGRESS_STORAGE_KEY } from '../../runtime/progress-store';
import {
  createEmptyProgress,
  recordExerciseEvent,
  serializeProgress,
} from '../../sim/training/progress';
import { CAPACITY_GOAL, WIDGET_GOALS } from '../../sim/training/widget-goals';
import { PROGRESS_CATALOG } from '../../training/progress-catalog';
import { ProgressPage } from './ProgressPage';

const CHAPTERS = path.resolve(__dirname, '../../../content/chapters');

/** The widget instance ids of a chapter page, named the way WidgetSlot.astro names them. */
function widgetIdsOf(chapter: string): string[] {
  const slug = chapter.replace(/\//g, '');
  const file = readdirSync(CHAPTERS).find((name) => name.endsWith(`-${slug}.mdx`));
  if (file === undefined) return [];
  const text = readFileSync(path.join(CHAPTERS, file), 'utf8');
  return [...text.matchAll(/<WidgetSlot\b([^>]*)>/g)].map((m) => {
    const attrs = m[1] ?? '';
    const attr = (name: string) => new RegExp(`\\b${name}="([^"]+)"`).exec(attrs)?.[1];
    const widget = attr('widget') ?? '';
    const preset = attr('preset');
    return attr('id') ?? (preset ? `${widget}-${preset}` : widget);
  });
}

afterEach(() => {
  cleanup();
  localStorage.clear();
});

describe('progress page', () => {
  it('lists every guided goal with its state and a link to the widget it lives in', async () => {
    const solved = recordExerciseEvent(createEmptyProgress(), CAPACITY_GOAL.id, {
      type: 'attempt',
      correct: true,
      at: '2026-12-01T10:00:00.000Z',
    });
    localStorage.setItem(PROGRESS_STORAGE_KEY, serializeProgress(solved, PROGRESS_CATALOG));
    render(<ProgressPage />);

    const section = (await screen.findByRole('heading', { name: /guided goals/i })).closest(
      'section',
    );
    if (!(section instanceof HTMLElement)) throw new Error('no goals section');
    expect(section.textContent).toContain(`1 of ${WIDGET_GOALS.length} goals met`);
    expect(WIDGET_GOALS.length).toBeGreaterThan(0);
    for (const goal of WIDGET_GOALS) {
      const link = within(section).getByRole('link', { name: goal.title });
      const href = link.getAttribute('href') ?? '';
      const [chapter, widget] = href.split('#');
      expect(chapter).toBe(goal.chapter);
      expect(widgetIdsOf(goal.chapter), `${goal.id} links to a widget on its page`).toContain(
        widget,
      );
      const row = link.closest('tr');
      expect(row?.textContent).toContain(goal.id === CAPACITY_GOAL.id ? '✓ met' : 'not met yet');
    }
  });
});
