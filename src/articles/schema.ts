import { z } from 'astro/zod';
import { duplicateTags, tagSlug } from './tags.ts';

/**
 * Frontmatter schemas. They take the content layer's helpers as arguments so
 * that unit tests can use them without Astro's runtime: `image` is Astro's
 * `image()` and `author` is `reference('authors')` in src/content.config.ts.
 */
export interface SchemaHelpers<Image extends z.ZodType, Author extends z.ZodType> {
  image: () => Image;
  author: Author;
}

/** A date-time from YAML (already a Date) or a string, with messages that quote the bad value. */
const dateField = (name: string) =>
  z.unknown().transform((value, ctx) => {
    if (value === undefined || value === null) {
      ctx.addIssue({ code: 'custom', message: `${name} is required (an ISO 8601 date-time such as 2022-08-08T09:00:00Z)` });
      return z.NEVER;
    }
    const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : new Date(Number.NaN);
    if (Number.isNaN(date.getTime())) {
      ctx.addIssue({
        code: 'custom',
        message: `${name} must be a date such as 2022-08-08T09:00:00Z; got ${JSON.stringify(value)}`,
      });
      return z.NEVER;
    }
    return date;
  });

/** The headline: also the title of standalone pages (src/site-pages/schema.ts). */
export const titleField = z
  .string({ error: 'title is required' })
  .trim()
  .min(1, { error: 'title must not be empty' })
  .max(140, { error: 'title must be at most 140 characters' });

/** The standfirst, which is also the meta description; pages have one too. */
export const descriptionField = z
  .string({ error: 'description (the standfirst) is required' })
  .trim()
  .min(1, { error: 'description must not be empty' })
  .max(300, { error: 'description must be at most 300 characters' });

export function articleSchema<Image extends z.ZodType, Author extends z.ZodType>(
  helpers: SchemaHelpers<Image, Author>,
) {
  return z
    .object({
      title: titleField,
      description: descriptionField,
      author: helpers.author,
      date: dateField('date'),
      updated: dateField('updated').optional(),
      tags: z
        .array(z.string().trim().min(1, { error: 'tags must not contain an empty tag' }), {
          error: 'tags must be a list of tag names',
        })
        .min(1, { error: 'tags must list at least one tag' })
        .superRefine((tags, ctx) => {
          const duplicates = duplicateTags(tags);
          if (duplicates.length > 0) {
            ctx.addIssue({
              code: 'custom',
              message: `tags must not repeat: ${duplicates.map((t) => `"${t}"`).join(', ')}`,
            });
          }
        }),
      section: z.string().trim().min(1).optional(),
      image: z
        .object({
          src: helpers.image(),
          alt: z
            .string({ error: 'image.alt is required: describe the image for readers who cannot see it' })
            .trim()
            .min(1, { error: 'image.alt must not be empty' }),
          caption: z.string().optional(),
          credit: z.string().optional(),
        })
        .optional(),
      draft: z.boolean().default(false),
      canonical: z.url({ error: 'canonical must be an absolute URL' }).optional(),
      comments: z.boolean().default(true),
    })
    .superRefine((data, ctx) => {
      if (data.updated && data.updated.getTime() < data.date.getTime()) {
        ctx.addIssue({
          code: 'custom',
          path: ['updated'],
          message: `updated (${data.updated.toISOString()}) must not be before date (${data.date.toISOString()})`,
        });
      }
    })
    .transform((data) => ({ ...data, tagSlugs: data.tags.map(tagSlug) }));
}

export function authorSchema<Image extends z.ZodType>(helpers: { image: () => Image }) {
  return z.object({
    name: z.string({ error: 'name is required' }).trim().min(1, { error: 'name must not be empty' }),
    bio: z.string({ error: 'bio is required' }).trim().min(1, { error: 'bio must not be empty' }),
    url: z.url({ error: 'url must be an absolute URL' }).optional(),
    avatar: helpers.image().optional(),
  });
}
