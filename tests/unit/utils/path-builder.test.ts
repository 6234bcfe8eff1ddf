import { describe, expect, it } from 'vitest';
import { createPaths, normaliseBase } from '../../../src/utils/path-builder.ts';

describe('normaliseBase', () => {
  it.each([
    ['/', '/'],
    ['', '/'],
    ['news', '/news/'],
    ['/news', '/news/'],
    ['/news/', '/news/'],
    ['//news//', '/news/'],
    ['/a/b/', '/a/b/'],
  ])('%j -> %j', (input, expected) => expect(normaliseBase(input)).toBe(expected));
});

describe('createPaths', () => {
  const root = createPaths('/', 'https://example.com');
  const news = createPaths('/news/', 'https://example.com');

  it('builds page paths with exactly one slash between parts and a trailing slash', () => {
    expect(root.page()).toBe('/');
    expect(root.page('tags', 'asean')).toBe('/tags/asean/');
    expect(news.page()).toBe('/news/');
    expect(news.page('/tags/', '/asean/')).toBe('/news/tags/asean/');
    expect(news.page('archive', 2022, '08')).toBe('/news/archive/2022/08/');
  });

  it('builds file paths without a trailing slash', () => {
    expect(root.file('rss.xml')).toBe('/rss.xml');
    expect(news.file('og', 'a.png')).toBe('/news/og/a.png');
  });

  it('encodes segments once', () => {
    expect(root.page('tags', 'россия')).toBe('/tags/%D1%80%D0%BE%D1%81%D1%81%D0%B8%D1%8F/');
    expect(root.page('tags', '%D1%80')).toBe('/tags/%D1%80/');
    expect(root.page('a b')).toBe('/a%20b/');
  });

  it('makes absolute URLs that keep the base path', () => {
    expect(news.absolute(news.page('articles', 'x'))).toBe('https://example.com/news/articles/x/');
    expect(createPaths('/news/', 'https://example.com/ignored/').absolute('/news/')).toBe('https://example.com/news/');
  });
});
