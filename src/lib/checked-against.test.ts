/**
 * "Every page says what it was checked against": each chapter's frontmatter must carry
 * `checkedAgainst` (date, software with versions, documentation read), and a chapter that talks
 * about Flask, Werkzeug or Gunicorn must say which versions of it were checked. The layout shows
 * the block under the title (src/layouts/ChapterLayout.astro).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { findOfficialLinkProblem } from './official-links.mjs';

const dir = fileURLToPath(new URL('../../content/chapters/', import.meta.url));
const files = readdirSync(dir).filter((f) => /^\d\d-.*\.mdx$/.test(f));

interface CheckedAgainst {
  date?: string;
  software?: { name?: string; version?: string }[];
  docs?: { name?: string; url?: string }[];
}

function read(file: string): { checked: CheckedAgainst | undefined; body: string } {
  const text = readFileSync(`${dir}${file}`, 'utf8');
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
  const frontmatter = (match ? parseYaml(match[1] ?? '') : {}) as Record<string, unknown>;
  return {
    checked: frontmatter.checkedAgainst as CheckedAgainst | undefined,
    body: match ? text.slice(match[0].length) : text,
  };
}

/** Software whose behaviour changes between the versions the site covers. */
const VERSIONED = ['Flask', 'Werkzeug', 'Gunicorn'] as const;

describe('checked-against versions', () => {
  it('finds the chapters', () => {
    expect(files.length).toBeGreaterThanOrEqual(9);
  });

  it.each(files)('%s says when and against which versions it was checked', (file) => {
    const { checked, body } = read(file);
    expect(checked, `${file} has no checkedAgainst`).toBeDefined();
    const date = checked?.date ?? '';
    expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Number.isNaN(Date.parse(date))).toBe(false);
    const software = checked?.software ?? [];
    expect(software.length).toBeGreaterThan(0);
    for (const entry of software) {
      expect(typeof entry.name === 'string' && entry.name.length > 1).toBe(true);
      // A version is a number (or a range of them), not "latest".
      expect(entry.version ?? '').toMatch(/\d/);
    }
    const names = software.map((entry) => String(entry.name).toLowerCase());
    for (const product of VERSIONED) {
      // Prose mentions (code blocks are examples, links are navigation) must be covered.
      const prose = body.replace(/```[\s\S]*?```/g, '').replace(/\]\([^)]*\)/g, ']');
      if (new RegExp(`\\b${product}\\b`).test(prose))
        expect(names, `${file} talks about ${product} without its versions`).toContain(
          product.toLowerCase(),
        );
    }
    for (const doc of checked?.docs ?? [])
      expect(findOfficialLinkProblem(String(doc.url)), String(doc.url)).toBeNull();
  });
});

describe('chapter 8 checklist', () => {
  it('links every item to its official source, not only to a section of this site', () => {
    const { body } = read('08-production-checklist.mdx');
    const list = /<WidgetSlot widget="checklist">([\s\S]*?)<\/WidgetSlot>/.exec(body)?.[1] ?? '';
    const items = list.split(/\n(?=- )/).filter((chunk) => chunk.startsWith('- '));
    expect(items.length).toBeGreaterThan(10);
    for (const item of items) {
      const external = [...item.matchAll(/\]\((https:[^)\s]+)\)/g)].map((m) => m[1] ?? '');
      expect(external.length, item.slice(0, 80)).toBeGreaterThan(0);
      for (const href of external) expect(findOfficialLinkProblem(href), href).toBeNull();
    }
  });
});
