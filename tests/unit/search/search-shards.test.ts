/**
 * The search index's shards: which month a page belongs to, which part of it decides whether its
 * shard must be indexed again, and how pages are grouped (the newest month, then years).
 */
import { describe, expect, it } from 'vitest';
import { indexedPage, indexedRegion, planShards, publicationMonth } from '../../../src/search/search-shards.ts';

const page = (month: string, body: string, around = '') =>
  `<!doctype html><html lang="en"><head><meta property="article:published_time" content="${month.length === 4 ? `${month}-03` : month}-01T09:00:00.000Z">` +
  `</head><body><main><article class="article" data-pagefind-body><h1>T</h1>${body}</article>${around}</main></body></html>`;

describe('publicationMonth()', () => {
  it('reads the month of article:published_time, else of the first <time datetime>', () => {
    expect(publicationMonth(page('2019-11', '<p>x</p>'))).toBe('2019-11');
    expect(publicationMonth('<p><time datetime="2014-02-01T00:00:00Z">1 Feb</time></p>')).toBe('2014-02');
    expect(publicationMonth('<p>no date</p>')).toBeUndefined();
  });
});

describe('indexedRegion()', () => {
  it('is the marked element with its nested elements of the same name, not what follows it', () => {
    const html = page(
      '2020',
      '<p>Body</p><article><p>quoted card</p></article><p>after the card</p>',
      '<aside>more</aside>',
    );
    const region = indexedRegion(html);
    expect(region.startsWith('<html lang="en"><article class="article" data-pagefind-body>')).toBe(true);
    expect(region).toContain('after the card');
    expect(region.endsWith('</article>')).toBe(true);
    expect(region).not.toContain('<aside>');
  });

  it('does not change when only the lists around the body change (more stories, comments)', () => {
    const before = indexedPage('articles/a/index.html', page('2020', '<p>Body</p>', '<section>Story 1</section>'));
    const after = indexedPage('articles/a/index.html', page('2020', '<p>Body</p>', '<section>Story 2</section>'));
    const edited = indexedPage(
      'articles/a/index.html',
      page('2020', '<p>Body, edited</p>', '<section>Story 2</section>'),
    );
    expect(after.digest).toBe(before.digest);
    expect(edited.digest).not.toBe(before.digest);
  });

  it('is the whole page when nothing is marked or the marked element is not closed', () => {
    expect(indexedRegion('<p>plain</p>')).toBe('<p>plain</p>');
    expect(indexedRegion('<div data-pagefind-body><p>cut')).toBe('<div data-pagefind-body><p>cut');
  });
});

describe('planShards()', () => {
  const pages = [
    indexedPage('articles/c/index.html', page('2021', '<p>c</p>')),
    indexedPage('articles/a/index.html', page('2023', '<p>a</p>')),
    indexedPage('articles/u/index.html', '<article data-pagefind-body><p>undated</p></article>'),
    indexedPage('articles/b/index.html', page('2021', '<p>b</p>')),
  ];

  it('groups the newest month apart, then pages by year, undated last, files in a stable order', () => {
    const shards = planShards(pages, 'v1');
    expect(shards.map((shard) => [shard.name, shard.files])).toEqual([
      ['2023-03', ['articles/a/index.html']],
      ['2021', ['articles/b/index.html', 'articles/c/index.html']],
      ['undated', ['articles/u/index.html']],
    ]);
    const withEarlierMonth = [...pages, indexedPage('articles/d/index.html', page('2023-01', '<p>d</p>'))];
    expect(planShards(withEarlierMonth, 'v1').map((shard) => [shard.name, shard.files.length])).toEqual([
      ['2023-03', 1],
      ['2023', 1],
      ['2021', 2],
      ['undated', 1],
    ]);
  });

  it('keys a shard by its pages and the indexer settings: one edit changes one key, new settings all', () => {
    const keys = (list: typeof pages, settings = 'v1') => planShards(list, settings).map((shard) => shard.key);
    const edited = pages.map((p) =>
      p.file === 'articles/b/index.html' ? indexedPage(p.file, page('2021', '<p>b!</p>')) : p,
    );
    const [before, after] = [keys(pages), keys(edited)];
    expect(keys([...pages].reverse())).toEqual(before);
    expect(after.map((key, i) => key === before[i])).toEqual([true, false, true]);
    expect(keys(pages, 'v2').some((key) => before.includes(key))).toBe(false);
  });
});
