// Builds the Pagefind search index from the built HTML (only `data-pagefind-body` regions,
// i.e. chapter text, are indexed).
import * as pagefind from 'pagefind';
import path from 'node:path';

export async function writeSearchIndex(out) {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
  const added = await index.addDirectory({ path: out });
  if (added.errors.length) throw new Error(`pagefind: ${added.errors.join('; ')}`);
  const written = await index.writeFiles({ outputPath: path.join(out, 'pagefind') });
  if (written.errors.length) throw new Error(`pagefind: ${written.errors.join('; ')}`);
  await pagefind.close();
  console.log(`pagefind: indexed ${added.page_count} pages`);
}
