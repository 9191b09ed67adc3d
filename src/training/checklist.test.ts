import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findOfficialLinkProblem } from '../lib/official-links.mjs';
import { checklistToMarkdown, findChecklistProblems } from '../sim/training/checklist';
import { CHECKLIST_GROUPS } from './checklist';

const published = JSON.parse(
  readFileSync(new URL('./published-checklist-ids.json', import.meta.url), 'utf8'),
) as string[];
const pageIds = JSON.parse(
  readFileSync(new URL('../lib/published-ids.json', import.meta.url), 'utf8'),
) as Record<string, string[]>;

describe('production checklist data', () => {
  it('is well formed', () => {
    expect(findChecklistProblems(CHECKLIST_GROUPS)).toEqual([]);
  });

  it('still has every id it ever published (anchors and saved ticks depend on them)', () => {
    const ids = new Set(CHECKLIST_GROUPS.flatMap((g) => [g.id, ...g.items.map((i) => i.id)]));
    expect(published.filter((id) => !ids.has(id))).toEqual([]);
  });

  it('links every item to a published section of its chapter', () => {
    for (const item of CHECKLIST_GROUPS.flatMap((g) => g.items)) {
      const [path, anchor] = item.section.split('#') as [string, string];
      expect(pageIds[path] ?? [], item.id).toContain(anchor);
    }
  });

  it('links every item to its official source on a documentation host', () => {
    for (const item of CHECKLIST_GROUPS.flatMap((g) => g.items)) {
      expect(item.sources.length, item.id).toBeGreaterThan(0);
      for (const source of item.sources)
        expect(findOfficialLinkProblem(source.href), `${item.id}: ${source.href}`).toBeNull();
    }
  });

  it('refuses a checklist item without an official source', () => {
    const item = { id: 'check-x', text: 'x', section: '/gunicorn/#timeouts', sectionLabel: 'x' };
    const groups = [{ id: 'g', title: 'G', items: [{ ...item, sources: [] }] }];
    expect(findChecklistProblems(groups)).toContain('check-x: no official source');
    const http = [{ ...item, sources: [{ label: 'x', href: 'http://gunicorn.org/' }] }];
    expect(findChecklistProblems([{ ...groups[0]!, items: http }])).toHaveLength(1);
  });

  it('gives each group the heading id chapter 8 published, so runbook anchors keep working', () => {
    for (const group of CHECKLIST_GROUPS) {
      expect(pageIds['/production-checklist/'] ?? [], group.id).toContain(group.id);
    }
  });

  it('exports ticks as Markdown task items with absolute links', () => {
    const md = checklistToMarkdown(
      CHECKLIST_GROUPS,
      { 'check-pid1': true },
      { origin: 'https://lab.example', title: 'Review', date: null },
    );
    expect(md).toContain('- [x] Gunicorn is PID 1');
    expect(md).toContain('- [ ] No production path');
    expect(md).toContain('(https://lab.example/graceful-shutdown/#pid-1-must-be-gunicorn);');
    expect(md).toContain('source: [Gunicorn: signals](https://gunicorn.org/signals/)');
    expect(md).toMatch(/1 of \d+ items checked/);
  });
});
