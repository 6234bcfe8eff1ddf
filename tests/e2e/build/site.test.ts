import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { listFiles, readPage, visibleText } from '../../support/html.ts';
import { mediaArticleId } from '../../support/media-fixture.ts';
import { seed, seedArticleId } from '../../support/seed.ts';

const siteDir = inject('siteDir');
const articlePath = `/articles/${seedArticleId}/`;

describe('the seed article page', () => {
  let page: Awaited<ReturnType<typeof readPage>>;
  beforeAll(async () => {
    page = await readPage(siteDir, articlePath);
  });

  it('has the headline and the standfirst as dek', () => {
    expect(visibleText(page.querySelector('h1')!)).toBe(seed.title);
    expect(visibleText(page.querySelector('.article-header .dek')!)).toBe(
      'Russia and Myanmar strengthen cooperation following Lavrov’s visit.',
    );
  });

  it('contains every body paragraph of the seed, word for word and in order', () => {
    const paragraphs = page.querySelectorAll('.prose > p').map(visibleText);
    expect(seed.body.length).toBe(14);
    expect(paragraphs).toEqual(seed.body);
  });

  it('does not carry the bio line or the comment-form messages as body text', () => {
    const body = visibleText(page.querySelector('.prose')!);
    expect(body).not.toContain(seed.bioLine);
    for (const message of seed.formMessages) expect(body).not.toContain(message);
  });

  it('hides the pull quote from assistive technology so it is not read twice', () => {
    const pullQuotes = page.querySelectorAll('.pull-quote');
    expect(pullQuotes.length).toBeGreaterThan(0);
    for (const quote of pullQuotes) expect(quote.getAttribute('aria-hidden')).toBe('true');
  });

  it('names the author with a link to the author page, and shows the bio', () => {
    const byline = page.querySelector('.article-header a[rel="author"]')!;
    expect(visibleText(byline)).toBe('Ahmed Adel');
    expect(byline.getAttribute('href')).toBe('/authors/ahmed-adel/');
    expect(visibleText(page.querySelector('.author-box')!)).toContain(
      'Cairo-based geopolitics and political economy researcher.',
    );
  });

  it('gives the publication date in a machine-readable <time>', () => {
    const time = page.querySelector('.article-header time')!;
    expect(time.getAttribute('datetime')).toBe('2022-08-08T09:00:00.000Z');
    expect(visibleText(time)).toMatch(/2022/);
  });

  it('links every tag to its tag page', () => {
    const links = page.querySelectorAll('.tags a').map((a) => [visibleText(a), a.getAttribute('href')]);
    expect(links).toEqual([
      ['Russia', '/tags/russia/'],
      ['Myanmar', '/tags/myanmar/'],
      ['ASEAN', '/tags/asean/'],
      ['Sanctions', '/tags/sanctions/'],
      ['Diplomacy', '/tags/diplomacy/'],
    ]);
  });

  it('shows a reading time', () => {
    expect(visibleText(page.querySelector('.article-header')!)).toMatch(/\d+ min read/);
  });
});

describe('listing pages', () => {
  it.each(['russia', 'myanmar', 'asean', 'sanctions', 'diplomacy'])(
    'the %s tag page lists the seed article',
    async (tag) => {
      const page = await readPage(siteDir, `/tags/${tag}/`);
      const hrefs = page.querySelectorAll('main a').map((a) => a.getAttribute('href'));
      expect(hrefs).toContain(articlePath);
    },
  );

  it('the author page lists the article and the bio', async () => {
    const page = await readPage(siteDir, '/authors/ahmed-adel/');
    expect(visibleText(page.querySelector('h1')!)).toBe('Ahmed Adel');
    expect(visibleText(page.querySelector('main')!)).toContain(seed.bioLine.replace(/^Ahmed Adel, /, ''));
    expect(page.querySelectorAll('main a').map((a) => a.getAttribute('href'))).toContain(articlePath);
  });

  it('the front page leads with the featured story and lists the others newest first', async () => {
    const page = await readPage(siteDir, '/');
    const headlines = page.querySelectorAll('main .card .headline a').map((a) => a.getAttribute('href'));
    // fixture-newsroom-story is featured: it leads although fixture-arabic-sibling is newer.
    expect(headlines).toEqual([
      '/articles/fixture-newsroom-story/',
      '/articles/fixture-arabic-sibling/',
      '/articles/fixture-markdown-features/',
      articlePath,
      `/articles/${mediaArticleId}/`,
      '/articles/fixture-hostile-layout/',
    ]);
  });

  it("the topics box gives each topic's newest story in that story's own language", async () => {
    const page = await readPage(siteDir, '/');
    const latest = page.querySelectorAll('[aria-labelledby="topics-heading"] a.latest');
    const arabic = latest.find((a) => a.getAttribute('href') === '/articles/fixture-arabic-sibling/');
    expect([arabic?.getAttribute('lang'), arabic?.getAttribute('dir')]).toEqual(['ar', 'rtl']);
    const english = latest.find((a) => a.getAttribute('href') === articlePath);
    expect([english?.getAttribute('lang'), english?.getAttribute('dir')]).toEqual([undefined, undefined]);
  });

  it('the archive lists each month with its stories', async () => {
    const archive = await readPage(siteDir, '/archive/');
    expect(archive.querySelectorAll('main a').map((a) => a.getAttribute('href'))).toEqual(
      expect.arrayContaining(['/archive/2022/08/', '/archive/2022/09/']),
    );
    const august = await readPage(siteDir, '/archive/2022/08/');
    expect(august.querySelectorAll('main a').map((a) => a.getAttribute('href'))).toContain(articlePath);
  });

  it('the tag index links every tag', async () => {
    const page = await readPage(siteDir, '/tags/');
    const hrefs = page.querySelectorAll('main a').map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(expect.arrayContaining(['/tags/russia/', '/tags/fixtures/']));
  });
});

describe('drafts', () => {
  it('are absent from every page of a production build', async () => {
    expect(existsSync(path.join(siteDir, 'articles', 'fixture-draft'))).toBe(false);
    expect(existsSync(path.join(siteDir, 'tags', 'fixture-drafts'))).toBe(false);
    for (const file of (await listFiles(siteDir)).filter((f) => f.endsWith('.html'))) {
      const html = visibleText(await readPage(siteDir, `/${file}`));
      expect(html, file).not.toContain('Fixture draft that must not be published');
    }
  });
});

describe('Markdown features (GitHub-flavoured, through remark-gfm)', () => {
  let page: Awaited<ReturnType<typeof readPage>>;
  beforeAll(async () => {
    page = await readPage(siteDir, '/articles/fixture-markdown-features/');
  });

  it('renders tables inside a focusable scroll box', () => {
    const box = page.querySelector('.prose .table-scroll')!;
    expect(box.getAttribute('tabindex')).toBe('0');
    expect(box.querySelectorAll('tbody tr')).toHaveLength(2);
    expect(box.querySelector('th')!.textContent).toBe('Country');
  });

  it('renders footnotes with back-links', () => {
    const refs = page.querySelectorAll('.prose a[data-footnote-ref]');
    expect(refs).toHaveLength(2);
    const notes = page.querySelectorAll('.prose .footnotes li');
    expect(notes).toHaveLength(2);
    for (const note of notes) expect(note.querySelector('a[data-footnote-backref]')).not.toBeNull();
  });

  it('renders strikethrough and autolinks', () => {
    expect(page.querySelector('.prose del')!.textContent).toBe('struck-out text');
    expect(page.querySelector('.prose a[href="https://example.org/autolinked"]')).not.toBeNull();
  });

  it('shows the updated date beside the published one', () => {
    const times = page.querySelectorAll('.article-header time').map((t) => t.getAttribute('datetime'));
    expect(times).toEqual(['2022-09-14T06:30:00.000Z', '2022-09-15T08:00:00.000Z']);
    expect(visibleText(page.querySelector('.article-header .updated')!)).toMatch(/^Updated /);
  });

  it('renders the hero image as a responsive picture in AVIF and WebP with its caption and credit', () => {
    const picture = page.querySelector('figure.hero picture')!;
    const types = picture.querySelectorAll('source').map((s) => s.getAttribute('type'));
    expect(types).toEqual(['image/avif', 'image/webp']);
    const img = picture.querySelector('img')!;
    expect(img.getAttribute('alt')).toBe('A harbour at sunset drawn as a gradient');
    expect(img.getAttribute('width')).toBeTruthy();
    expect(img.getAttribute('height')).toBeTruthy();
    expect(img.getAttribute('srcset')!.split(',').length).toBeGreaterThan(2);
    expect(visibleText(page.querySelector('figure.hero figcaption')!)).toBe('The harbour at dusk. Test Suite');
  });
});

describe('the whole output', () => {
  it('every internal link and asset reference resolves to a file in the output', async () => {
    const files = await listFiles(siteDir);
    const existing = new Set(files);
    const missing: string[] = [];
    let checked = 0;
    for (const file of files.filter((f) => f.endsWith('.html'))) {
      const page = await readPage(siteDir, `/${file}`);
      const refs = [
        ...page.querySelectorAll('[href]').map((el) => el.getAttribute('href')!),
        ...page.querySelectorAll('[src]').map((el) => el.getAttribute('src')!),
        ...page.querySelectorAll('[srcset]').flatMap((el) =>
          el
            .getAttribute('srcset')!
            .split(',')
            .map((candidate) => candidate.trim().split(/\s+/)[0]!),
        ),
      ];
      for (const ref of refs) {
        if (/^[a-z]+:/i.test(ref) || ref.startsWith('//') || ref.startsWith('#')) continue;
        const url = new URL(ref, `http://site/${file}`);
        let target = decodeURIComponent(url.pathname).replace(/^\//, '');
        if (target === '' || target.endsWith('/')) target += 'index.html';
        checked += 1;
        if (!existing.has(target)) missing.push(`${file} -> ${ref}`);
      }
    }
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });
});
