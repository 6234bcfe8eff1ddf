import { z } from 'astro/zod';
import { siteConfig } from '../site.config.ts';
import { canonicalLang } from './language.ts';
import { duplicateTags, tagSlug } from './tags.ts';
import { closedObject } from './unknown-keys.ts';

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
      ctx.addIssue({
        code: 'custom',
        message: `${name} is required (an ISO 8601 date-time such as 2022-08-08T09:00:00Z)`,
      });
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

/** A dated correction notice: what was wrong and what the article says now. */
const correctionSchema = closedObject(
  {
    date: dateField('corrections.date'),
    text: z
      .string({ error: 'corrections.text is required: say what was wrong and what is right' })
      .trim()
      .min(1, { error: 'corrections.text must not be empty' }),
  },
  'corrections',
);

const langExample = 'a BCP 47 language tag such as "en", "ar" or "pt-BR"';

/** The article's language, canonicalised (`ar`, `en-GB`, `sr-Latn`). */
const langField = z
  .string({ error: `lang must be ${langExample}` })
  .trim()
  .transform((tag, ctx) => {
    const lang = canonicalLang(tag);
    if (!lang) {
      ctx.addIssue({ code: 'custom', message: `lang must be ${langExample}; got ${JSON.stringify(tag)}` });
      return z.NEVER;
    }
    return lang;
  });

/** The id of a referenced entry: a string in unit tests, `{ id, collection }` from Astro's reference(). */
/** At least one tag, none empty, none repeated (two tags with the same slug, such as "Sanctions" and "sanctions"). */
const tagsField = z
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
  });

const referenceId = (value: unknown): string =>
  typeof value === 'object' && value !== null && 'id' in value ? String(value.id) : String(value);

export function articleSchema<Image extends z.ZodType, Author extends z.ZodType>(
  helpers: SchemaHelpers<Image, Author>,
) {
  type AuthorRef = z.output<Author>;
  /** One author id, or a list of ids for co-authors (shown in this order). */
  const authorField = z.union(
    [helpers.author, z.array(helpers.author).min(1, { error: 'author must name at least one author' })],
    { error: 'author must be an author id or a list of author ids' },
  ) as unknown as z.ZodType<AuthorRef | AuthorRef[]>;
  return closedObject({
    title: titleField,
    description: descriptionField,
    author: authorField,
    date: dateField('date'),
    updated: dateField('updated').optional(),
    tags: tagsField,
    section: z.string().trim().min(1).optional(),
    image: closedObject(
      {
        src: helpers.image(),
        alt: z
          .string({ error: 'image.alt is required: describe the image for readers who cannot see it' })
          .trim()
          .min(1, { error: 'image.alt must not be empty' }),
        caption: z.string().optional(),
        credit: z.string().optional(),
      },
      'image',
    ).optional(),
    draft: z.boolean().default(false),
    canonical: z.url({ error: 'canonical must be an absolute URL' }).optional(),
    comments: z.boolean().default(true),
    /** Dated correction notices, shown on the article and in its structured data. */
    corrections: z.array(correctionSchema, { error: 'corrections must be a list of { date, text }' }).default([]),
    /** Pins the story as the front page's lead until a newer featured story replaces it. */
    featured: z.boolean({ error: 'featured must be true or false' }).default(false),
    /** A "Breaking" label on the front page and the article. */
    breaking: z.boolean({ error: 'breaking must be true or false' }).default(false),
    lang: langField.default(siteConfig.lang),
  })
    .superRefine((data, ctx) => {
      if (data.updated && data.updated.getTime() < data.date.getTime()) {
        ctx.addIssue({
          code: 'custom',
          path: ['updated'],
          message: `updated (${data.updated.toISOString()}) must not be before date (${data.date.toISOString()})`,
        });
      }
      data.corrections.forEach((correction, index) => {
        if (correction.date.getTime() < data.date.getTime()) {
          ctx.addIssue({
            code: 'custom',
            path: ['corrections', index, 'date'],
            message: `corrections.date (${correction.date.toISOString()}) must not be before date (${data.date.toISOString()})`,
          });
        }
      });
      const ids = (Array.isArray(data.author) ? data.author : [data.author]).map(referenceId);
      const repeated = ids.filter((id, index) => ids.indexOf(id) !== index);
      if (repeated.length > 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['author'],
          message: `author must not repeat: "${repeated.join('", "')}"`,
        });
      }
    })
    .transform(({ author, ...data }) => {
      const corrections = [...data.corrections].sort((a, b) => b.date.getTime() - a.date.getTime());
      const changes = [data.date, data.updated, ...corrections.map((correction) => correction.date)];
      return {
        ...data,
        /** Every author, in the order the frontmatter names them. */
        authors: Array.isArray(author) ? author : [author],
        /** Newest first. */
        corrections,
        /** The latest of date, updated and the corrections: dateModified, feeds' updated dates, sitemap lastmod. */
        modified: new Date(Math.max(...changes.filter((date) => date !== undefined).map((date) => date.getTime()))),
        tagSlugs: data.tags.map(tagSlug),
      };
    });
}

export function authorSchema<Image extends z.ZodType>(helpers: { image: () => Image }) {
  return closedObject({
    name: z.string({ error: 'name is required' }).trim().min(1, { error: 'name must not be empty' }),
    bio: z.string({ error: 'bio is required' }).trim().min(1, { error: 'bio must not be empty' }),
    url: z.url({ error: 'url must be an absolute URL' }).optional(),
    avatar: helpers.image().optional(),
  });
}
