// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { nextFocus, renderExcerpt, sectionsOf, type PagefindResultData } from './search';

const page = (subs: { title: string; url: string }[]): PagefindResultData => ({
  url: '/graceful-shutdown/',
  excerpt: 'page excerpt',
  meta: { title: 'Graceful shutdown' },
  sub_results: subs.map((s) => ({ ...s, excerpt: `${s.title} excerpt` })),
});

describe('sectionsOf (search results per heading)', () => {
  it('lists the headed sections in Pagefind’s order, without the page-level repeat', () => {
    const sections = sectionsOf(
      page([
        { title: 'Graceful shutdown', url: '/graceful-shutdown/' },
        { title: 'What goes wrong', url: '/graceful-shutdown/#what-goes-wrong' },
        { title: 'PID 1', url: '/graceful-shutdown/#pid-1' },
      ]),
    );
    expect(sections.map((s) => s.url)).toEqual([
      '/graceful-shutdown/#what-goes-wrong',
      '/graceful-shutdown/#pid-1',
    ]);
  });
  it('keeps the page-level entry when it is the only match, and caps the list', () => {
    expect(sectionsOf(page([{ title: 'Intro', url: '/intro/' }])).map((s) => s.url)).toEqual([
      '/intro/',
    ]);
    const many = page(Array.from({ length: 6 }, (_, i) => ({ title: `S${i}`, url: `/p/#s${i}` })));
    expect(sectionsOf(many, 3)).toHaveLength(3);
    expect(sectionsOf({ ...many, sub_results: [] })).toEqual([]);
  });
});

describe('nextFocus (arrow keys in the search dialog)', () => {
  it('moves from the field (-1) to the first result and back, and stops at the last', () => {
    expect(nextFocus(-1, 4, 1)).toBe(0);
    expect(nextFocus(0, 4, 1)).toBe(1);
    expect(nextFocus(3, 4, 1)).toBe(3);
    expect(nextFocus(0, 4, -1)).toBe(-1);
    expect(nextFocus(-1, 4, -1)).toBe(-1);
    expect(nextFocus(-1, 0, 1)).toBe(-1);
  });
});

describe('renderExcerpt keeps the spaces around highlights', () => {
  it('does not glue a highlighted word to the next one ("SIGTERMbecause")', () => {
    const into = document.createElement('p');
    renderExcerpt('ignores <mark>SIGTERM</mark> because a shell is &lt;PID 1&gt;', into);
    expect(into.textContent).toBe('ignores SIGTERM because a shell is <PID 1>');
    expect(into.querySelector('mark')?.textContent).toBe('SIGTERM');
  });
});
