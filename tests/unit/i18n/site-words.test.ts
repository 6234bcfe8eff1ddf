import { expect, it } from 'vitest';
import { siteWords, translations, wordsLanguage } from '../../../src/i18n/site-words.ts';
import { siteConfig } from '../../../src/site.config.ts';
import { formatDate } from '../../../src/utils/dates.ts';
import { joinNames } from '../../../src/articles/byline.ts';

it('gives an article the site’s words in its own language when the config lists it, else in the site’s', () => {
  expect(wordsLanguage('ar')).toBe('ar');
  expect(siteWords('ar').by).toBe('بقلم');
  expect(siteWords('ar-EG').correction).toBe('تصحيح');
  expect(wordsLanguage('fr')).toBe(siteConfig.lang);
  expect(siteWords('fr')).toBe(translations.en);
  // A language with a translation but not listed in the config gets the site's words.
  expect(wordsLanguage('ar', { ...siteConfig, languages: ['en'] })).toBe(siteConfig.lang);
  expect(wordsLanguage('ar', { ...siteConfig, languages: undefined })).toBe(siteConfig.lang);
});

it('has a translation for every language the config lists, with every word', () => {
  for (const lang of siteConfig.languages ?? []) {
    const words = translations[lang.split('-')[0]!];
    expect(words, lang).toBeDefined();
    expect(Object.values(words!).every((word) => (typeof word === 'function' ? word(4) : word).trim().length > 0)).toBe(
      true,
    );
  }
});

it('writes dates, reading times and lists of names through Intl in the article’s language', () => {
  const date = new Date('2022-08-08T09:00:00Z');
  expect(formatDate(date)).toBe('August 8, 2022');
  expect(formatDate(date, 'ar')).toMatch(/أغسطس/);
  expect(siteWords('ar').minutesToRead(4)).toBe('4 دقائق للقراءة');
  expect(siteWords('en').minutesToRead(4)).toBe('4 min read');
  expect(joinNames(['A', 'B', 'C'])).toBe('A, B and C');
  expect(joinNames(['A', 'B'], 'ar')).toBe('A وB');
});
