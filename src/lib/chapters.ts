import { getCollection, type CollectionEntry } from 'astro:content';

export type Chapter = CollectionEntry<'chapters'>;

/** The URL slug of a chapter: its file name without the `NN-` order prefix. */
export function chapterSlug(chapter: Chapter): string {
  return chapter.id.replace(/^\d\d-/, '');
}

/** The site-relative URL of a chapter, with the trailing slash the site uses everywhere. */
export function chapterHref(chapter: Chapter): string {
  return `/${chapterSlug(chapter)}/`;
}

/** All chapters in reading order. */
export async function getChapters(): Promise<Chapter[]> {
  const chapters = await getCollection('chapters');
  return chapters.sort((a, b) => a.data.order - b.data.order);
}
