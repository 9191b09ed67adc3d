/**
 * Structural checks over content/chapters: the order of chapters, the widgets each one declares
 * and places, internal links and their anchors, and the heading ids that runbooks link to
 * (src/lib/published-ids.json). A broken anchor here is a broken runbook link in production.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { RULE_METAS } from '../sim/dockerfile';
import { WIDGET_NAMES } from './widget-names';

const chaptersDir = fileURLToPath(new URL('../../content/chapters/', import.meta.url));
const publishedIdsPath = fileURLToPath(new URL('./published-ids.json', import.meta.url));

interface Chapter {
  file: string;
  /** The URL path the site serves the chapter at, e.g. `/reverse-proxies/`. */
  path: string;
  frontmatter: Record<string, unknown>;
  /** The MDX body with fenced code blocks blanked out (their `#` lines are not headings). */
  prose: string;
  headingIds: string[];
}

/**
 * The id github-slugger (used by Astro for heading anchors) gives a heading: lower case, drop
 * every character that is not a letter, mark, number, connector (`_`), hyphen or space, then
 * turn each space into a hyphen. Repeats within a page get `-1`, `-2`, … appended.
 */
function slugifyHeading(text: string, seen: Map<string, number>): string {
  const base = text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
  let slug = base;
  let count = seen.get(base) ?? 0;
  while (seen.has(slug)) {
    count += 1;
    slug = `${base}-${count}`;
  }
  seen.set(base, count);
  seen.set(slug, 0);
  return slug;
}

/** The text a heading renders: inline code, emphasis and links reduced to their words. */
function headingText(markdown: string): string {
  return markdown
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|\*|_)(\S.*?\S|\S)\1/g, '$2')
    .trim();
}

function blankCodeBlocks(body: string): string {
  let fence: string | null = null;
  return body
    .split('\n')
    .map((line) => {
      const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
      if (fence === null && marker !== undefined) {
        fence = marker;
        return '';
      }
      if (fence !== null) {
        if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length) {
          if (line.trim() === marker) fence = null;
        }
        return '';
      }
      return line;
    })
    .join('\n');
}

function readChapters(): Chapter[] {
  if (!existsSync(chaptersDir)) return [];
  return readdirSync(chaptersDir)
    .filter((name) => /^\d\d-.+\.mdx$/.test(name))
    .sort()
    .map((file) => {
      const source = readFileSync(join(chaptersDir, file), 'utf8');
      const match = /^---\n([\s\S]*?)\n---\n/.exec(source);
      if (!match) throw new Error(`${file}: no frontmatter block`);
      const frontmatter = parseYaml(match[1] ?? '') as Record<string, unknown>;
      const prose = blankCodeBlocks(source.slice(match[0].length));
      const seen = new Map<string, number>();
      const headingIds = [...prose.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)].map((m) =>
        slugifyHeading(headingText(m[1] ?? ''), seen),
      );
      const slug = file.replace(/^\d\d-/, '').replace(/\.mdx$/, '');
      return { file, path: `/${slug}/`, frontmatter, prose, headingIds };
    });
}

const chapters = readChapters();
const byPath = new Map(chapters.map((c) => [c.path, c]));

/** The site's pages that are not chapters (`src/pages/x.astro`, `src/pages/x/index.astro`). */
function readOtherPages(): Set<string> {
  const pagesDir = fileURLToPath(new URL('../pages/', import.meta.url));
  const paths = new Set<string>();
  const walk = (dir: string, prefix: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.includes('[')) continue;
      if (entry.isDirectory()) walk(join(dir, entry.name), `${prefix}${entry.name}/`);
      else if (entry.name === 'index.astro') paths.add(prefix);
      else if (entry.name.endsWith('.astro') && entry.name !== '404.astro')
        paths.add(`${prefix}${entry.name.replace(/\.astro$/, '')}/`);
    }
  };
  walk(pagesDir, '/');
  return paths;
}
const otherPages = readOtherPages();

describe('slugifyHeading', () => {
  it('matches github-slugger on the shapes our headings use', () => {
    const seen = new Map<string, number>();
    expect(slugifyHeading('Workers: how many?', seen)).toBe('workers-how-many');
    expect(slugifyHeading('x_for and X-Forwarded-For', seen)).toBe('x_for-and-x-forwarded-for');
    expect(slugifyHeading('ECS — drain first', seen)).toBe('ecs--drain-first');
    expect(slugifyHeading('Workers: how many?', seen)).toBe('workers-how-many-1');
  });
});

describe('chapters', () => {
  it('exist', () => {
    expect(chapters.length).toBeGreaterThan(0);
  });

  it('have contiguous order 0..n-1 matching their file number', () => {
    const orders = chapters.map((c) => c.frontmatter['order']);
    expect(orders).toEqual(chapters.map((_c, index) => index));
    for (const chapter of chapters) {
      expect(Number(chapter.file.slice(0, 2)), chapter.file).toBe(chapter.frontmatter['order']);
    }
  });

  it('declare only known widgets, and place exactly the ones they declare', () => {
    const known = new Set<string>(WIDGET_NAMES);
    for (const chapter of chapters) {
      const declaredRaw = chapter.frontmatter['widgets'] ?? [];
      expect(Array.isArray(declaredRaw), `${chapter.file}: widgets must be a list`).toBe(true);
      const declared = new Set((declaredRaw as unknown[]).map(String));
      const used = new Set(
        [...chapter.prose.matchAll(/<WidgetSlot\b[^>]*?\bwidget="([^"]+)"/g)].map(
          (m) => m[1] ?? '',
        ),
      );
      for (const name of [...declared, ...used]) {
        expect(known.has(name), `${chapter.file}: unknown widget "${name}"`).toBe(true);
      }
      expect([...used].sort(), `${chapter.file}: placed vs declared widgets`).toEqual(
        [...declared].sort(),
      );
    }
  });

  it('have unique heading ids within each page', () => {
    for (const chapter of chapters) {
      expect(new Set(chapter.headingIds).size, chapter.file).toBe(chapter.headingIds.length);
    }
  });

  it('give every widget instance an id that is unique on the page and is not a heading id', () => {
    for (const chapter of chapters) {
      // WidgetSlot renders a <figure id>: the given id, else `widget-preset`, else the widget
      // name (src/components/WidgetSlot.astro).
      const ids = [...chapter.prose.matchAll(/<WidgetSlot\b([^>]*)>/g)].map((m) => {
        const attributes = m[1] ?? '';
        const widget = /\bwidget="([^"]+)"/.exec(attributes)?.[1];
        const preset = /\bpreset="([^"]+)"/.exec(attributes)?.[1];
        return (
          /\bid="([^"]+)"/.exec(attributes)?.[1] ?? (preset ? `${widget ?? ''}-${preset}` : widget)
        );
      });
      const all = [...ids, ...chapter.headingIds];
      expect(new Set(all).size, `${chapter.file}: duplicate ids in ${all.join(', ')}`).toBe(
        all.length,
      );
    }
  });

  it('have a heading for every section the Dockerfile checker links to', () => {
    const container = byPath.get('/the-container/');
    expect(container, 'the container chapter').toBeDefined();
    const missing = [...new Set(RULE_METAS.map((meta) => meta.section))].filter(
      (section) => !(container?.headingIds ?? []).includes(section),
    );
    expect(missing).toEqual([]);
  });

  it('link only to chapters and headings that exist', () => {
    const broken: string[] = [];
    for (const chapter of chapters) {
      const targets = [
        ...[...chapter.prose.matchAll(/\]\((\/[^)\s]*|#[^)\s]*)\)/g)].map((m) => m[1] ?? ''),
        ...[...chapter.prose.matchAll(/href="(\/[^"]*|#[^"]*)"/g)].map((m) => m[1] ?? ''),
      ];
      for (const target of targets) {
        const [pathPart = '', anchor] = target.split('#');
        const page = pathPart === '' ? chapter : byPath.get(pathPart);
        if (page === undefined && otherPages.has(pathPart) && !anchor) continue;
        if (page === undefined) {
          broken.push(`${chapter.file}: ${target} (no such chapter)`);
        } else if (anchor !== undefined && anchor !== '' && !page.headingIds.includes(anchor)) {
          broken.push(`${chapter.file}: ${target} (no heading #${anchor} on ${page.path})`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it('still publish every heading id that runbooks may link to', () => {
    const published = JSON.parse(readFileSync(publishedIdsPath, 'utf8')) as Record<
      string,
      string[]
    >;
    const missing: string[] = [];
    for (const [path, ids] of Object.entries(published)) {
      const page = byPath.get(path);
      if (page === undefined) {
        missing.push(`${path} (chapter gone)`);
        continue;
      }
      for (const id of ids) if (!page.headingIds.includes(id)) missing.push(`${path}#${id}`);
    }
    expect(missing).toEqual([]);
  });
});
