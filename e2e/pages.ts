/** Every HTML page of the built site, as URL paths (read from the build folder). */
import { readdirSync } from 'node:fs';
import path from 'node:path';

const dist = path.resolve(process.env.FDL_DIST ?? 'dist');

function walk(dir: string, prefix: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (['_astro', 'pagefind', 'lab-project'].includes(entry.name)) continue;
      out.push(...walk(path.join(dir, entry.name), `${prefix}${entry.name}/`));
    } else if (entry.name === 'index.html') out.push(prefix);
  }
  return out;
}

export const PAGES: string[] = walk(dist, '/').sort();
export const CHAPTER_PAGES = PAGES.filter(
  (p) =>
    !['/', '/progress/', '/team/', '/interview/', '/lab/', '/audit/'].includes(p) &&
    !p.startsWith('/interview/') &&
    !p.startsWith('/lab/'),
);
