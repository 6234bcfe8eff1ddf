import { describe, expect, it } from 'vitest';
import { articleSlug, newArticleFile } from '../../../src/articles/new-article.ts';

describe('newArticleFile', () => {
  it('makes a slug from the headline', () => {
    expect(articleSlug('Russia reaffirms deepening ties with Myanmar')).toBe(
      'russia-reaffirms-deepening-ties-with-myanmar',
    );
    expect(articleSlug('A '.repeat(60) + 'end').length).toBeLessThanOrEqual(80);
  });
  it('refuses an empty or over-long headline', () => {
    const base = { author: 'a', tags: ['T'], date: new Date() };
    expect(() => newArticleFile({ ...base, headline: '  ' })).toThrow(/headline/);
    expect(() => newArticleFile({ ...base, headline: 'x'.repeat(141) })).toThrow(/140/);
  });
});
