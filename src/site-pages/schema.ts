import { z } from 'astro/zod';

/**
 * Standalone pages (About, Contact, Privacy policy): content/pages/<slug>.mdx, shown at
 * /<slug>/ and linked from the footer. Only what such a page needs: no author, date or tags.
 */
export const pageSchema = z.object({
  title: z
    .string({ error: 'title is required' })
    .trim()
    .min(1, { error: 'title must not be empty' })
    .max(140, { error: 'title must be at most 140 characters' }),
  description: z
    .string({ error: 'description is required' })
    .trim()
    .min(1, { error: 'description must not be empty' })
    .max(300, { error: 'description must be at most 300 characters' }),
  /** `true` keeps the page out of the built site. */
  draft: z.boolean().default(false),
  /** Position among the footer links (lower first; then by title). */
  order: z.number().int().default(0),
});

/** First path segments the site's own routes use; a page may not take them. */
export const reservedPageSlugs = ['articles', 'tags', 'authors', 'archive', 'search', 'page', 'share', 'pagefind', '_astro', '404'];
