import { z } from 'astro/zod';
import { descriptionField, titleField } from '../articles/schema.ts';
import { closedObject } from '../articles/unknown-keys.ts';

/**
 * Standalone pages (About, Contact, Privacy policy): content/pages/<slug>.mdx, shown at
 * /<slug>/, listed on the pages index (/pages/) and, unless `footer: false`, linked from the footer. Only what such a page needs: no author, date or tags.
 */
export const pageSchema = closedObject({
  title: titleField,
  description: descriptionField,
  /** `true` keeps the page out of the built site. */
  draft: z.boolean().default(false),
  /** Position among the footer links (lower first; then by title). */
  order: z.number().int().default(0),
  /** `false` lists the page on the pages index only (imported sites have many pages). */
  footer: z.boolean().default(true),
});

/** First path segments the site's own routes use; a page may not take them. */
export const reservedPageSlugs = [
  'articles',
  'pages',
  'tags',
  'authors',
  'archive',
  'search',
  'page',
  'share',
  'pagefind',
  '_astro',
  '404',
];
