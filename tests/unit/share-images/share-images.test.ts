import { describe, expect, it } from 'vitest';
import { parseUnicodeRange, subsetsFor } from '../../../src/share-images/subsets.ts';
import {
  cardTree,
  estimatedLines,
  headlineSize,
  monogram,
  showsDek,
  treeText,
} from '../../../src/share-images/card.ts';
import { siteHost } from '../../../src/share-images/article-card.ts';
import { articleShareImage } from '../../../src/share-images/image-files.ts';
import { hashOf } from '../../../src/share-images/cache.ts';

describe('share card', () => {
  it('parses CSS unicode ranges', () => {
    expect(parseUnicodeRange('U+0460-052F,U+20B4, U+1F??')).toEqual([
      [0x460, 0x52f],
      [0x20b4, 0x20b4],
      [0x1f00, 0x1fff],
    ]);
    expect(() => parseUnicodeRange('U+zz')).toThrow(/unicode-range/);
  });

  it('loads only the font subsets the text needs', () => {
    const subsets = {
      latin: parseUnicodeRange('U+0000-00FF'),
      cyrillic: parseUnicodeRange('U+0400-045F'),
      greek: parseUnicodeRange('U+0370-03FF'),
    };
    expect(subsetsFor('Plain English', subsets)).toEqual(['latin']);
    expect(subsetsFor('Лавров and Ελλάδα', subsets)).toEqual(['latin', 'cyrillic', 'greek']);
  });

  it('shrinks long headlines and keeps short ones large', () => {
    const short = headlineSize('Short headline');
    const long = headlineSize('A very long headline '.repeat(6));
    expect(short).toBeGreaterThan(long);
    expect(estimatedLines('A very long headline '.repeat(6), long)).toBeGreaterThan(2);
    expect(showsDek('Short headline', 'Dek')).toBe(true);
    expect(showsDek('A very long headline '.repeat(6), 'Dek')).toBe(false);
  });

  it('draws every piece of text it is given', () => {
    const text = treeText(
      cardTree({
        headline: 'H',
        kicker: 'K',
        dek: 'D',
        byline: 'By A',
        date: '1 May',
        siteName: 'S',
        siteHost: 'e.com/news',
      }),
    );
    for (const part of ['H', 'K', 'D', 'By A', '1 May', 'S', 'e.com/news']) expect(text).toContain(part);
  });

  it('hashes equal content equally and different content differently', () => {
    expect(hashOf({ a: 1, b: 'x' })).toBe(hashOf({ a: 1, b: 'x' }));
    expect(hashOf(cardTree({ headline: 'A', siteName: 'S', siteHost: 'h' }))).not.toBe(
      hashOf(cardTree({ headline: 'B', siteName: 'S', siteHost: 'h' })),
    );
  });

  it('names files and hosts', () => {
    expect(articleShareImage('a', false).file).toBe('articles/a.png');
    expect(articleShareImage('a', true)).toMatchObject({
      file: 'articles/a.jpg',
      type: 'image/jpeg',
      width: 1200,
      height: 630,
    });
    expect(siteHost('https://example.com/news/')).toBe('example.com/news');
    expect(siteHost('https://news.example.com/')).toBe('news.example.com');
    expect(monogram('The Meridian')).toBe('M');
    expect(monogram('ámbito')).toBe('Á');
  });
});
