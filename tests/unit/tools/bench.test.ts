import { describe, expect, it } from 'vitest';
import {
  markdownReport,
  pagesPerSecond,
  withRatios,
  type BenchReport,
  type BuildResult,
  type Scenario,
} from '../../../tools/bench/report.ts';
import {
  archiveStart,
  editedArticle,
  syntheticArticle,
  syntheticAuthorFiles,
  syntheticAuthors,
  tagVocabulary,
} from '../../../tools/bench/synthetic.ts';
import { bareSiteFiles } from '../../../tools/bench/bare-site.ts';

describe('synthetic articles', () => {
  const articles = Array.from({ length: 60 }, (_, i) => syntheticArticle(i, { heroEvery: 20 }));

  it('are deterministic and have unique ids', () => {
    expect(syntheticArticle(5).source).toBe(syntheticArticle(5).source);
    expect(new Set(articles.map((a) => a.id)).size).toBe(articles.length);
  });

  it('are 800–1,500 words and use block quotes, tables, footnotes and several authors', () => {
    for (const article of articles) {
      expect(article.words).toBeGreaterThanOrEqual(800);
      expect(article.words).toBeLessThan(1700);
      expect(article.source).toMatch(/^> /m);
    }
    const all = articles.map((a) => a.source).join('\n');
    expect(all).toMatch(/^\| --- \| ---: \| ---: \|$/m);
    expect(all).toMatch(/^\[\^1\]: /m);
    expect(all).toMatch(/<PullQuote cite=/);
    const authors = new Set(articles.map((a) => /^author: (.+)$/m.exec(a.source)![1]));
    expect(authors.size).toBeGreaterThan(3);
    expect([...authors].every((id) => syntheticAuthors.some((a) => a.id === id))).toBe(true);
    expect(Object.keys(syntheticAuthorFiles())).toHaveLength(syntheticAuthors.length);
  });

  it('draw tags from the fixed vocabulary and add hero images when asked', () => {
    for (const article of articles) {
      const tags = [...article.source.matchAll(/^ {2}- "(.+)"$/gm)].map((m) => m[1]);
      expect(tags.length).toBeGreaterThanOrEqual(2);
      expect(tags.every((tag) => (tagVocabulary as readonly string[]).includes(tag!))).toBe(true);
    }
    expect(articles.filter((a) => a.heroImage).map((a) => a.heroImage)).toEqual([
      `images/${articles[0]!.id}.jpg`,
      `images/${articles[20]!.id}.jpg`,
      `images/${articles[40]!.id}.jpg`,
    ]);
  });

  it('are all dated in the past at any archive size, and keep their dates up to 10,000', () => {
    const dateOf = (index: number, size: number) =>
      /^date: (.+)$/m.exec(syntheticArticle(index, { start: archiveStart(size) }).source)![1]!;
    expect(dateOf(0, 10_000)).toBe('2016-01-04T06:00:00.000Z');
    expect(dateOf(0, 10_000)).toBe(/^date: (.+)$/m.exec(syntheticArticle(0).source)![1]);
    for (const size of [100, 10_000, 20_000, 50_000]) {
      // The article a publish adds (index `size`) is the newest.
      expect(Date.parse(dateOf(size, size))).toBeLessThanOrEqual(Date.parse('2026-01-01T06:00:00Z'));
    }
    expect(dateOf(0, 20_000) < '2016-01-01').toBe(true);
  });

  it('an edit changes the first paragraph only', () => {
    const { source } = syntheticArticle(3);
    const edited = editedArticle(source);
    const blocks = (text: string) => text.split('\n\n');
    const [before, after] = [blocks(source), blocks(edited)];
    expect(after.length).toBe(before.length);
    const changed = after.map((block, i) => (block === before[i] ? -1 : i)).filter((i) => i >= 0);
    expect(changed).toHaveLength(1);
    expect(after[changed[0]!]).toBe(`${before[changed[0]!]} This paragraph was corrected after publication.`);
    expect(after[changed[0]!]).not.toMatch(/^---|^title:/m);
  });

  it('the bare site renders MDX with remark-gfm and one minimal page per article', () => {
    const files = bareSiteFiles();
    expect(files['astro.config.mjs']).toContain('remarkGfm');
    expect(files['src/pages/[id].astro']).toContain('render(article)');
  });
});

describe('the benchmark report', () => {
  const build = (site: 'full' | 'bare', scenario: Scenario, seconds: number, cpuSeconds?: number): BuildResult => ({
    articles: 1000,
    site,
    scenario,
    ok: true,
    seconds,
    ...(cpuSeconds === undefined ? {} : { cpuSeconds }),
    pages: site === 'full' ? 1500 : 1000,
    peakRssMb: 900,
    outputMb: 40,
    files: 1600,
  });
  const report: BenchReport = {
    date: '2026-01-01T00:00:00.000Z',
    machine: { cpus: 2, memoryGb: 24, node: 'v24.0.0' },
    builds: [
      build('full', 'cold', 120, 100),
      build('full', 'warm', 90, 80),
      build('full', 'add one', 24, 20),
      build('full', 'edit one', 30),
      build('bare', 'cold', 100, 80),
      { ...build('bare', 'warm', 5), ok: false, error: 'heap | out of memory' },
    ],
    lighthouse: [
      {
        page: '/',
        scores: { performance: 100, accessibility: 100, bestPractices: 100, seo: 100 },
        lcpMs: 900.4,
        cls: 0,
        tbtMs: 0,
        transferKb: 5.25,
        firstPaintKb: 4.3,
      },
    ],
  };

  it('computes pages per second, and ratios to the cold build and to the bare build by wall and CPU time', () => {
    expect(pagesPerSecond(build('full', 'cold', 120))).toBe(12.5);
    const [cold, warm, add, edit, bareCold] = withRatios(report.builds);
    expect(cold).toMatchObject({ toBare: { wall: 1.2, cpu: 1.25 } });
    expect(cold!.toCold).toBeUndefined();
    expect(add).toMatchObject({ toCold: { wall: 0.2, cpu: 0.2 } });
    expect(edit!.toCold).toEqual({ wall: 0.25 }); // no CPU time measured
    // Adding, editing and the warm build compare with the bare warm build, which failed here.
    for (const b of [warm, add, edit]) expect(b!.toBare).toBeUndefined();
    expect(bareCold!.toBare).toBeUndefined();
    expect(withRatios([build('full', 'cold', 120)])[0]!.toBare).toBeUndefined();
  });

  it('writes a Markdown table with a row per build, failures included, and the Lighthouse table', () => {
    const md = markdownReport(report);
    expect(md).toContain(
      '| 1000 | full | cold | 120.0 | 100.0 | 1500 | 12.5 | 900 | 40.0 |  |  | 1.20x | 1.25x | 120.0 | 900 |',
    );
    expect(md).toContain(
      '| 1000 | full | add one | 24.0 | 20.0 | 1500 | 62.5 | 900 | 40.0 | 0.20x | 0.20x |  |  | 24.0 | 900 |',
    );
    expect(md).toContain('| 1000 | bare | warm | failed after 5.0 |');
    expect(md).toContain('heap / out of memory');
    expect(md).toContain('| / | 100 | 100 | 100 | 100 | 900 | 0.000 | 0 | 5.3 | 4.3 |');
  });
});
