/**
 * The newsroom fields in the built fixture site: co-authors, corrections, the Arabic article,
 * and the standing pages linked from the footer and from the comment form.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { readPage, visibleText } from '../../support/html.ts';
import { mediaArticleId } from '../../support/media-fixture.ts';

const siteDir = inject('siteDir');
const storyPath = '/articles/fixture-newsroom-story/';
const storyUrl = `https://news.example.com${storyPath}`;

describe('the co-authored, corrected fixture story', () => {
  let page: Awaited<ReturnType<typeof readPage>>;
  beforeAll(async () => {
    page = await readPage(siteDir, storyPath);
  });

  it('has the byline "By A and B", a Breaking label and both author boxes', () => {
    expect(visibleText(page.querySelector('.byline p')!)).toBe('By Fixture Reporter and Fixture Editor');
    expect(page.querySelectorAll('.byline a[rel="author"]').map((a) => a.getAttribute('href'))).toEqual([
      '/authors/fixture-reporter/',
      '/authors/fixture-editor/',
    ]);
    expect(visibleText(page.querySelector('.article-header .kicker')!)).toBe('Breaking Testing');
    expect(page.querySelectorAll('.author-box').map((box) => box.getAttribute('aria-label'))).toEqual([
      'About Fixture Reporter',
      'About Fixture Editor',
    ]);
  });

  it('shows the corrections, newest first, before the story', () => {
    const notices = page.querySelectorAll('.corrections .correction').map(visibleText);
    expect(notices).toEqual([
      'Correction September 21, 2022: An earlier version of this fixture misnamed its second author.',
      'Correction September 20, 2022: An earlier version of this fixture gave the wrong number of authors.',
    ]);
    const html = page.querySelector('article')!.innerHTML;
    expect(html.indexOf('class="corrections')).toBeLessThan(html.indexOf('class="prose'));
  });

  it('names both authors and both corrections in its JSON-LD, modified at the newest correction', () => {
    const data = page
      .querySelectorAll('script[type="application/ld+json"]')
      .map((script) => JSON.parse(script.textContent) as Record<string, unknown>)
      .find((item) => item['@type'] === 'NewsArticle')!;
    expect(data.author).toEqual([
      {
        '@type': 'Person',
        name: 'Fixture Reporter',
        url: 'https://news.example.com/authors/fixture-reporter/',
        sameAs: ['https://example.org/fixture-reporter'],
      },
      { '@type': 'Person', name: 'Fixture Editor', url: 'https://news.example.com/authors/fixture-editor/' },
    ]);
    expect(data.correction).toEqual([
      {
        '@type': 'CorrectionComment',
        datePublished: '2022-09-21T09:30:00.000Z',
        text: 'An earlier version of this fixture misnamed its second author.',
      },
      {
        '@type': 'CorrectionComment',
        datePublished: '2022-09-20T12:00:00.000Z',
        text: 'An earlier version of this fixture gave the wrong number of authors.',
      },
    ]);
    expect(data.dateModified).toBe('2022-09-21T09:30:00.000Z');
    const meta = (property: string) =>
      page.querySelectorAll(`meta[property="${property}"]`).map((m) => m.getAttribute('content'));
    expect(meta('article:modified_time')).toEqual(['2022-09-21T09:30:00.000Z']);
    expect(meta('article:author')).toHaveLength(2);
  });

  it('is listed on each author’s page', async () => {
    for (const author of ['fixture-reporter', 'fixture-editor']) {
      const authorPage = await readPage(siteDir, `/authors/${author}/`);
      expect(
        authorPage.querySelectorAll('main .headline a').map((a) => a.getAttribute('href')),
        author,
      ).toContain(storyPath);
    }
  });

  it('names both authors in the feeds, updated at the newest correction', async () => {
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_' });
    const atom = xml.parse(await readFile(path.join(siteDir, 'atom.xml'), 'utf8')).feed;
    const entry = atom.entry.find((e: { id: string }) => e.id === storyUrl);
    expect(entry.author.map((a: { name: string }) => a.name)).toEqual(['Fixture Reporter', 'Fixture Editor']);
    expect(entry.updated).toBe('2022-09-21T09:30:00.000Z');
    const json = JSON.parse(await readFile(path.join(siteDir, 'feed.json'), 'utf8'));
    const item = json.items.find((i: { id: string }) => i.id === storyUrl);
    expect(item).toMatchObject({
      date_modified: '2022-09-21T09:30:00.000Z',
      authors: [{ name: 'Fixture Reporter' }, { name: 'Fixture Editor' }],
    });
    const rss = await readFile(path.join(siteDir, 'rss.xml'), 'utf8');
    expect(rss).toContain('<dc:creator>Fixture Reporter</dc:creator><dc:creator>Fixture Editor</dc:creator>');
  });
});

describe('one story with every newsroom feature', () => {
  it('the gallery story also has two authors, a correction, its gallery and a YouTube poster', async () => {
    const page = await readPage(siteDir, `/articles/${mediaArticleId}/`);
    expect(visibleText(page.querySelector('.byline p')!)).toBe('By Fixture Reporter and Fixture Editor');
    expect(page.querySelectorAll('.corrections .correction').map(visibleText)).toEqual([
      'Correction August 2, 2022: An earlier version of this fixture gave the number of berths as three.',
    ]);
    expect(page.querySelectorAll('.prose figure img')).not.toHaveLength(0);
    expect(page.querySelectorAll('.prose [data-embed-provider="youtube"]')).toHaveLength(1);
  });
});

describe('the Arabic fixture article', () => {
  it('is lang="ar" dir="rtl" with no drop cap; its card on the front page marks its own words', async () => {
    const page = await readPage(siteDir, '/articles/fixture-arabic-sibling/');
    const html = page.querySelector('html')!;
    expect([html.getAttribute('lang'), html.getAttribute('dir')]).toEqual(['ar', 'rtl']);
    expect(page.querySelector('.prose')!.classList.contains('drop-cap')).toBe(false);
    expect(
      (await readPage(siteDir, '/articles/fixture-newsroom-story/'))
        .querySelector('.prose')!
        .classList.contains('drop-cap'),
    ).toBe(true);
    const front = await readPage(siteDir, '/');
    const card = front.querySelector('a[href="/articles/fixture-arabic-sibling/"]')!.parentNode!;
    expect([card.getAttribute('lang'), card.getAttribute('dir')]).toEqual(['ar', 'rtl']);
  });
});

describe('standing pages', () => {
  it('are linked from the footer of every page, and the comment form links the privacy page by its e-mail field', async () => {
    for (const file of ['/', storyPath, '/tags/']) {
      const footer = (await readPage(siteDir, file)).querySelector('.site-footer')!;
      expect(
        footer.querySelectorAll('a').map((a) => a.getAttribute('href')),
        file,
      ).toEqual(expect.arrayContaining(['/about/', '/contact/', '/corrections-policy/', '/privacy/']));
    }
    const page = await readPage(siteDir, storyPath);
    const email = page.querySelector('#comment-email')!;
    expect(email.getAttribute('aria-describedby')).toContain('comment-email-privacy');
    expect(page.querySelector('#comment-email-privacy a')!.getAttribute('href')).toBe('/privacy/');
  });

  it('the privacy page says what the comment service stores and for how long', async () => {
    const text = visibleText((await readPage(siteDir, '/privacy/')).querySelector('main')!);
    for (const phrase of [
      'e-mail address',
      'keyed hash of your network',
      '30 days',
      'every comment made with one e-mail address',
    ]) {
      expect(text).toContain(phrase);
    }
  });
});

describe('the site’s own words in the article’s language', () => {
  it('the Arabic article’s byline, date and reading time are in Arabic (src/i18n/site-words.ts)', async () => {
    const page = await readPage(siteDir, '/articles/fixture-arabic-sibling/');
    const byline = visibleText(page.querySelector('.byline')!);
    expect(byline).toMatch(/^بقلم Fixture Reporter/);
    expect(byline).toMatch(/سبتمبر/); // September, through Intl.DateTimeFormat('ar')
    expect(byline).toMatch(/للقراءة/);
    expect(byline).not.toMatch(/\bBy\b|min read|September/);
  });

  it('an English article keeps the English words', async () => {
    const page = await readPage(siteDir, storyPath);
    expect(visibleText(page.querySelector('.byline')!)).toMatch(/^By .*September 20, 2022.*min read$/);
  });
});
