import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { WIDGET_NAMES } from './lib/widget-names';

/**
 * Chapters live in the top-level `content/chapters/` folder (see docs/adr/0001), one
 * `NN-slug.mdx` file per section of the guide. The file name's slug becomes the URL.
 */
const chapters = defineCollection({
  loader: glob({ pattern: '[0-9][0-9]-*.mdx', base: './content/chapters' }),
  schema: z.object({
    /** The chapter's heading and the page title. */
    title: z.string().min(3).max(80),
    /** One sentence for search results and the meta description (≤ 160 characters). */
    description: z.string().min(20).max(160),
    /** Position in the guide, 0-based; the content-integrity test requires 0..n-1 with no gaps. */
    order: z.number().int().min(0).max(99),
    /** The section of the guide outline this chapter mirrors, e.g. "§4 Behind a reverse proxy". */
    guideSection: z.string().regex(/^§\d+ /),
    /** What breaks in production when this chapter is ignored: the first thing a reader sees. */
    failure: z.string().min(20).max(300),
    /** Interactive widgets the chapter embeds; each must appear in the body (checked by a test). */
    widgets: z.array(z.enum(WIDGET_NAMES)).default([]),
    /** Three to seven points a reader should leave with; shown as the chapter summary. */
    keyPoints: z.array(z.string().min(10).max(240)).min(3).max(7),
    /**
     * What the chapter's statements were checked against, shown under the title: the date, each
     * piece of software with the versions (or range) read or run, and the platform documentation
     * consulted. A statement that holds only for some of these versions says so in the text.
     */
    checkedAgainst: z.object({
      /** ISO date of the last check, e.g. 2026-12-06. */
      date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      /** e.g. { name: 'Gunicorn', version: '20.1, 22.0, 23.0, 24.1, 25.x, 26.0 (source at tags)' } */
      software: z
        .array(z.object({ name: z.string().min(2).max(40), version: z.string().min(1).max(80) }))
        .min(1),
      /** Official documentation sets read for the check, each with its entry page. */
      docs: z.array(z.object({ name: z.string().min(3).max(60), url: z.url() })).default([]),
    }),
  }),
});

export const collections = { chapters };
