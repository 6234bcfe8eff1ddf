import { z } from 'astro/zod';
import { describe, expect, it } from 'vitest';
import { frontPageLead } from '../../../src/articles/archive.ts';
import { bylineParts, joinNames } from '../../../src/articles/byline.ts';
import { canonicalLang, hasCapitalLetters, languageAttributes, textDirection } from '../../../src/articles/language.ts';
import { articleSchema, authorSchema } from '../../../src/articles/schema.ts';
import { closestKey } from '../../../src/articles/unknown-keys.ts';
import { pageSchema } from '../../../src/site-pages/schema.ts';

const schema = articleSchema({ image: () => z.string(), author: z.string() });

const valid = {
  title: 'Harbour authority extends the night ferry timetable',
  description: 'A fixture standfirst.',
  author: 'ahmed-adel',
  date: new Date('2022-08-08T09:00:00Z'),
  tags: ['Transport'],
};

const messages = (input: unknown) => {
  const result = schema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('unknown frontmatter keys', () => {
  it.each([
    ['featurd', 'featured'],
    ['tittle', 'title'],
    ['Corrections', 'corrections'],
    ['autor', 'author'],
    ['breakng', 'breaking'],
  ])('refuses %s and suggests %s', (key, suggestion) => {
    const [message] = messages({ ...valid, [key]: true });
    expect(message).toContain(`unknown field "${key}" (did you mean "${suggestion}"?)`);
  });

  it('names a key that is close to nothing without a guess, and lists the known fields', () => {
    const [message] = messages({ ...valid, sponsor: 'Acme' });
    expect(message).toContain('unknown field "sponsor"; known fields: title, description, author');
    expect(message).not.toContain('did you mean');
  });

  it('checks nested objects, authors and pages too', () => {
    expect(messages({ ...valid, image: { src: 'a.jpg', alt: 'A', credti: 'B' } }).join()).toContain(
      'unknown field "image.credti" (did you mean "image.credit"?)',
    );
    expect(messages({ ...valid, corrections: [{ date: '2022-08-09T00:00:00Z', txt: 'x' }] }).join()).toContain(
      'unknown field "corrections.txt" (did you mean "corrections.text"?)',
    );
    const author = authorSchema({ image: () => z.string() }).safeParse({ name: 'A', bio: 'B', avatr: 'a.jpg' });
    expect(author.error?.issues[0]?.message).toContain('did you mean "avatar"?');
    expect(pageSchema.safeParse({ title: 'About', description: 'D', ordr: 2 }).error?.issues[0]?.message).toContain(
      'did you mean "order"?',
    );
  });

  it('suggests only what is close enough to be a typo', () => {
    expect(closestKey('featurd', ['title', 'featured'])).toBe('featured');
    expect(closestKey('zzzz', ['title', 'featured'])).toBeUndefined();
  });
});

describe('author: one id or a list', () => {
  it('turns one id into a list of one', () => {
    expect(schema.parse(valid).authors).toEqual(['ahmed-adel']);
    expect('author' in schema.parse(valid)).toBe(false);
  });

  it('keeps co-authors in the order given', () => {
    expect(schema.parse({ ...valid, author: ['b', 'a', 'c'] }).authors).toEqual(['b', 'a', 'c']);
  });

  it.each([
    [[], 'author: author must name at least one author'],
    [['a', 'a'], 'author: author must not repeat: "a"'],
    [42, 'author: author must be an author id or a list of author ids'],
  ])('refuses %j', (author, message) => {
    expect(messages({ ...valid, author })).toContain(message);
  });
});

describe('corrections', () => {
  it('sorts them newest first and counts the newest as the last modification', () => {
    const data = schema.parse({
      ...valid,
      updated: '2022-08-09T00:00:00Z',
      corrections: [
        { date: '2022-08-10T08:00:00Z', text: 'An earlier version gave the wrong date.' },
        { date: '2022-08-12T08:00:00Z', text: 'An earlier version misspelt a name.' },
      ],
    });
    expect(data.corrections.map((c) => c.text)).toEqual([
      'An earlier version misspelt a name.',
      'An earlier version gave the wrong date.',
    ]);
    expect(data.modified.toISOString()).toBe('2022-08-12T08:00:00.000Z');
  });

  it('has no corrections by default; modified is then updated, or the date', () => {
    expect(schema.parse(valid)).toMatchObject({ corrections: [], modified: valid.date });
    expect(schema.parse({ ...valid, updated: '2022-08-09T00:00:00Z' }).modified.toISOString()).toBe(
      '2022-08-09T00:00:00.000Z',
    );
  });

  it.each([
    [
      [{ date: '2022-08-01T00:00:00Z', text: 'x' }],
      'corrections.0.date: corrections.date (2022-08-01T00:00:00.000Z) must not be before date (2022-08-08T09:00:00.000Z)',
    ],
    [
      [{ date: 'soon', text: 'x' }],
      'corrections.0.date: corrections.date must be a date such as 2022-08-08T09:00:00Z; got "soon"',
    ],
    [
      [{ date: '2022-08-09T00:00:00Z' }],
      'corrections.0.text: corrections.text is required: say what was wrong and what is right',
    ],
    [[{ date: '2022-08-09T00:00:00Z', text: ' ' }], 'corrections.0.text: corrections.text must not be empty'],
    ['fixed a typo', 'corrections: corrections must be a list of { date, text }'],
  ])('refuses %j', (corrections, message) => {
    expect(messages({ ...valid, corrections })).toContain(message);
  });
});

describe('featured, breaking and lang', () => {
  it('default to off and the site language', () => {
    expect(schema.parse(valid)).toMatchObject({ featured: false, breaking: false, lang: 'en' });
  });

  it('canonicalises lang and refuses what is not BCP 47', () => {
    expect(schema.parse({ ...valid, lang: 'pt-br' }).lang).toBe('pt-BR');
    expect(messages({ ...valid, lang: 'arabic language' })).toContain(
      'lang: lang must be a BCP 47 language tag such as "en", "ar" or "pt-BR"; got "arabic language"',
    );
    expect(messages({ ...valid, featured: 'yes' })).toContain('featured: featured must be true or false');
  });

  it('knows the direction and whether the script has capitals', () => {
    expect(['ar', 'he', 'fa', 'ur', 'ps', 'yi', 'dv'].map(textDirection)).toEqual(Array(7).fill('rtl'));
    expect(['en', 'ru', 'my', 'ja', 'az-Arab'].map(textDirection)).toEqual(['ltr', 'ltr', 'ltr', 'ltr', 'rtl']);
    expect(['en', 'ru', 'el', 'hy', 'sr-Latn'].every(hasCapitalLetters)).toBe(true);
    expect(['ar', 'he', 'hi', 'zh', 'ja', 'my', 'th', 'ka'].some(hasCapitalLetters)).toBe(false);
    expect(canonicalLang('not a tag')).toBeUndefined();
    expect(languageAttributes('ar', 'en')).toEqual({ lang: 'ar', dir: 'rtl' });
    expect(languageAttributes('en', 'en')).toEqual({});
  });

  it('leads the front page with the newest featured story, or the newest', () => {
    const story = (id: string, featured = false) => ({ id, data: { featured } });
    expect(frontPageLead([story('new'), story('old', true), story('older', true)])?.id).toBe('old');
    expect(frontPageLead([story('new'), story('old')])?.id).toBe('new');
    expect(frontPageLead([])).toBeUndefined();
  });
});

describe('byline', () => {
  it('joins names as "A and B" and "A, B and C"', () => {
    expect(joinNames(['A'])).toBe('A');
    expect(joinNames(['A', 'B'])).toBe('A and B');
    expect(joinNames(['A', 'B', 'C'])).toBe('A, B and C');
  });

  it('gives each name its place between the words', () => {
    expect(bylineParts(['A', 'B', 'C'])).toEqual([
      { name: 0 },
      { text: ', ' },
      { name: 1 },
      { text: ' and ' },
      { name: 2 },
    ]);
  });
});
