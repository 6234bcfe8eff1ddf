import { z } from 'astro/zod';
import { describe, expect, it } from 'vitest';
import { articleSchema, authorSchema } from '../../../src/articles/schema.ts';

// Stand-ins for Astro's image() and reference() helpers, which need the content layer.
const schema = articleSchema({ image: () => z.string(), author: z.string() });

const valid = {
  title: 'Russia reaffirms deepening ties with Myanmar',
  description: 'Russia and Myanmar strengthen cooperation following Lavrov’s visit.',
  author: 'ahmed-adel',
  date: new Date('2022-08-08T09:00:00Z'),
  tags: ['Russia', 'Myanmar'],
};

function issues(input: unknown): Record<string, string> {
  const result = schema.safeParse(input);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((issue) => [issue.path.join('.'), issue.message]));
}

describe('article frontmatter schema', () => {
  it('accepts a valid article and fills defaults and tag slugs', () => {
    const data = schema.parse(valid);
    expect(data.draft).toBe(false);
    expect(data.comments).toBe(true);
    expect(data.tagSlugs).toEqual(['russia', 'myanmar']);
  });

  it('accepts date strings with an offset', () => {
    expect(schema.parse({ ...valid, date: '2022-08-08T11:00:00+02:00' }).date.toISOString()).toBe(
      '2022-08-08T09:00:00.000Z',
    );
  });

  it.each([
    ['title', { title: undefined }, 'title is required'],
    ['title', { title: '' }, 'title must not be empty'],
    ['description', { description: 'x'.repeat(301) }, 'description must be at most 300 characters'],
    ['date', { date: 'soon' }, 'date must be a date such as 2022-08-08T09:00:00Z; got "soon"'],
    ['date', { date: undefined }, 'date is required (an ISO 8601 date-time such as 2022-08-08T09:00:00Z)'],
    [
      'updated',
      { updated: new Date('2022-08-01') },
      'updated (2022-08-01T00:00:00.000Z) must not be before date (2022-08-08T09:00:00.000Z)',
    ],
    ['tags', { tags: [] }, 'tags must list at least one tag'],
    ['tags', { tags: ['ASEAN', 'asean'] }, 'tags must not repeat: "asean"'],
    ['tags.0', { tags: [' '] }, 'tags must not contain an empty tag'],
    [
      'image.alt',
      { image: { src: 'a.jpg' } },
      'image.alt is required: describe the image for readers who cannot see it',
    ],
    ['canonical', { canonical: 'not a url' }, 'canonical must be an absolute URL'],
  ])('rejects a bad %s', (field, change, message) => {
    expect(issues({ ...valid, ...change })[field]).toBe(message);
  });
});

describe('author schema', () => {
  const author = authorSchema({ image: () => z.string() });
  it('needs a name and a bio', () => {
    expect(author.safeParse({ name: 'Ahmed Adel', bio: 'Researcher.' }).success).toBe(true);
    expect(author.safeParse({ name: 'Ahmed Adel' }).success).toBe(false);
    expect(author.safeParse({ name: 'A', bio: 'B', url: 'nope' }).success).toBe(false);
  });
});
