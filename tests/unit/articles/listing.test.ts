import { describe, expect, it } from 'vitest';
import { pageParam, stableListing } from '../../../src/articles/pagination.ts';
import { byNewest, groupByMonth, groupByTag, tagCounts, topicsWithLatest } from '../../../src/articles/archive.ts';
import { neighbours, relatedArticles } from '../../../src/articles/related.ts';
import { countWords, readingMinutes } from '../../../src/articles/reading-time.ts';

const story = (id: string, date: string, tagSlugs: string[] = []) => ({
  id,
  data: { date: new Date(date), tags: tagSlugs.map((t) => t.toUpperCase()), tagSlugs },
});

describe('stableListing', () => {
  const numbers = (count: number) => Array.from({ length: count }, (_, i) => count - i); // newest first

  it('puts the newest on the listing page and the rest on full pages counted from the oldest', () => {
    const listing = stableListing(numbers(7), 3);
    expect(listing.latest).toEqual([7, 6, 5]);
    expect(listing.older).toBe(2);
    expect(listing.pages).toEqual([
      { number: 1, items: [3, 2, 1], newer: 2, older: undefined },
      { number: 2, items: [6, 5, 4], newer: undefined, older: 1 },
    ]);
  });

  it('keeps every archive page as it was when a story is added, until one completes a new page', () => {
    const before = stableListing(numbers(7), 3);
    const one = stableListing(numbers(8), 3);
    expect(one.pages).toEqual(before.pages);
    expect(one.latest).toEqual([8, 7, 6]);
    const completing = stableListing(numbers(9), 3);
    expect(completing.pages.slice(0, 1)).toEqual(before.pages.slice(0, 1));
    expect(completing.pages[1]).toEqual({ ...before.pages[1], newer: 3 });
    expect(completing.pages[2]).toEqual({ number: 3, items: [9, 8, 7], newer: undefined, older: 2 });
    // Page 3 is all on the listing page: the listing links to page 2, the first with stories it does not show.
    expect(completing.older).toBe(2);
  });

  it('has no archive page for a short list, and one empty listing page for none', () => {
    expect(stableListing([2, 1], 3)).toEqual({ latest: [2, 1], older: undefined, pages: [] });
    expect(stableListing([], 10)).toEqual({ latest: [], older: undefined, pages: [] });
    expect(stableListing(numbers(3), 3).older).toBeUndefined();
  });

  it('rejects a page size that is not a positive integer', () => {
    expect(() => stableListing([1], 0)).toThrow(/positive integer/);
  });

  it('uses the listing URL for the listing page and the number for an archive page', () => {
    expect(pageParam(undefined)).toBeUndefined();
    expect(pageParam(3)).toBe('3');
  });
});

describe('ordering and grouping', () => {
  const a = story('a', '2022-08-08T09:00:00Z', ['russia', 'asean']);
  const b = story('b', '2022-09-01T09:00:00Z', ['asean']);
  const c = story('c', '2022-08-20T09:00:00Z', ['russia', 'asean', 'myanmar']);
  const d = story('d', '2021-01-01T00:00:00Z', ['sport']);
  const newestFirst = [a, b, c, d].sort(byNewest);

  it('sorts newest first, stable on ties', () => {
    expect(newestFirst.map((s) => s.id)).toEqual(['b', 'c', 'a', 'd']);
    const tie = [story('z', '2022-01-01'), story('y', '2022-01-01')].sort(byNewest);
    expect(tie.map((s) => s.id)).toEqual(['y', 'z']);
  });

  it('groups by month, newest month first', () => {
    const groups = groupByMonth(newestFirst, (s) => ({
      year: s.data.date.getUTCFullYear(),
      month: s.data.date.getUTCMonth() + 1,
    }));
    expect(groups.map((g) => [g.year, g.month, g.items.map((s) => s.id)])).toEqual([
      [2022, 9, ['b']],
      [2022, 8, ['c', 'a']],
      [2021, 1, ['d']],
    ]);
  });

  it('counts tags, most used first', () => {
    expect(tagCounts(newestFirst).map((t) => [t.slug, t.count])).toEqual([
      ['asean', 3],
      ['russia', 2],
      ['myanmar', 1],
      ['sport', 1],
    ]);
  });

  it('groups by tag in one pass, keeping the order', () => {
    const groups = groupByTag(newestFirst);
    expect([...groups].map(([slug, items]) => [slug, items.map((s) => s.id)])).toEqual([
      ['asean', ['b', 'c', 'a']],
      ['russia', ['c', 'a']],
      ['myanmar', ['c']],
      ['sport', ['d']],
    ]);
  });

  it('finds related stories by shared tags, never the story itself', () => {
    expect(relatedArticles(a, newestFirst).map((s) => s.id)).toEqual(['c', 'b']);
    expect(relatedArticles(d, newestFirst)).toEqual([]);
  });

  it('finds the newer and older neighbours', () => {
    expect(neighbours(c, newestFirst)).toEqual({ newer: b, older: a });
    expect(neighbours(b, newestFirst).newer).toBeUndefined();
  });
});

describe('reading time', () => {
  it('counts words and ignores markup, imports and components', () => {
    const body =
      'import X from \'../x\';\n\n## Heading here\n\nOne two three [link](https://e.org) four.\n\n<PullQuote cite="A">five six</PullQuote>\n\n| a | b |\n|---|---|\n';
    expect(countWords(body)).toBe(11);
  });
  it('rounds to whole minutes, at least one', () => {
    expect(readingMinutes('word', 230)).toBe(1);
    expect(readingMinutes(Array(1000).fill('word').join(' '), 230)).toBe(4);
  });
});

describe('related stories at scale', () => {
  it('ranks exactly as sorting every candidate would: shared tags, then date, then list order', () => {
    const tags = ['a', 'b', 'c', 'd', 'e', 'f'];
    const list = Array.from({ length: 300 }, (_, i) =>
      story(
        `s${i}`,
        new Date(Date.UTC(2022, 0, 1) - Math.floor(i / 3) * 86_400_000).toISOString(),
        tags.filter((_, t) => (i * 7 + t * 3) % 5 < 2),
      ),
    );
    for (const article of list.slice(0, 40)) {
      const own = new Set(article.data.tagSlugs);
      const expected = list
        .filter((other) => other.id !== article.id)
        .map((other) => ({ other, shared: other.data.tagSlugs.filter((slug) => own.has(slug)).length }))
        .filter(({ shared }) => shared > 0)
        .sort((x, y) => y.shared - x.shared || y.other.data.date.getTime() - x.other.data.date.getTime())
        .slice(0, 3)
        .map(({ other }) => other.id);
      expect(relatedArticles(article, list).map((s) => s.id)).toEqual(expected);
    }
  });

  it('finds neighbours in each list it is given', () => {
    const list = [story('x', '2022-01-03'), story('y', '2022-01-02'), story('z', '2022-01-01')];
    expect(neighbours(list[1]!, list)).toEqual({ newer: list[0], older: list[2] });
    expect(neighbours(list[1]!, [list[1]!])).toEqual({ newer: undefined, older: undefined });
    expect(neighbours(story('w', '2022-01-01'), list)).toEqual({});
  });
});

describe('topicsWithLatest', () => {
  it('gives each of the most used topics its newest story, from a newest-first list', () => {
    const titled = (id: string, tagSlugs: string[]) => ({
      id,
      data: { title: `Title ${id}`, tags: tagSlugs.map((t) => t.toUpperCase()), tagSlugs },
    });
    const items = [titled('c', ['ports']), titled('b', ['asean', 'ports']), titled('a', ['asean', 'russia'])];
    expect(topicsWithLatest(items, 2)).toEqual([
      { tag: 'ASEAN', slug: 'asean', count: 2, latest: { id: 'b', title: 'Title b' } },
      { tag: 'PORTS', slug: 'ports', count: 2, latest: { id: 'c', title: 'Title c' } },
    ]);
  });

  it("keeps the newest story's language, so that its headline is marked up in it", () => {
    const items = [{ id: 'ar-story', data: { title: 'عنوان', tags: ['Ports'], tagSlugs: ['ports'], lang: 'ar' } }];
    expect(topicsWithLatest(items, 1)[0]!.latest).toEqual({ id: 'ar-story', title: 'عنوان', lang: 'ar' });
  });
});
