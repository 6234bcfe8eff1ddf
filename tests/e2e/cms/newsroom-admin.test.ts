/**
 * The admin as a reporter lives in it, through `npm run cms` in headless Chromium: the story
 * list, faithful saves (every fixture article saved unchanged stays byte-identical, a one-word fix
 * is a one-line diff), the seed article's author, and a new story with two photos in its body and
 * a gallery, built into <picture> elements with AVIF and WebP.
 */
import { execFile } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { publishNow, signIn, useCmsAndBrowser } from '../../support/cms-session.ts';
import { ActionCounter, bodyEditor, writeStoryWithPhotos } from '../../support/cms-stories.ts';
import { seedArticleId } from '../../support/seed.ts';
import { buildSite } from '../../support/site-build.ts';

const running = useCmsAndBrowser();
const photos: Record<string, string> = {};
beforeAll(async () => {
  const colours = { cranes: '#336699', crowd: '#996633', ship: '#339966', dusk: '#663399' };
  for (const [name, colour] of Object.entries(colours)) {
    photos[name] = path.join(running.cms.repoDir, `quay-${name}.jpg`);
    await sharp({ create: { width: 1600, height: 1000, channels: 3, background: colour } })
      .jpeg()
      .toFile(photos[name]);
  }
});

const articlesDir = () => path.join(running.cms.contentDir, 'articles');
const articleFile = (id: string) => path.join(articlesDir(), `${id}.mdx`);

async function openEntry(id: string): Promise<Page> {
  const page = await running.browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await signIn(page, running.cms.adminUrl);
  await page.goto(`${running.cms.adminUrl}#/collections/articles/entries/${id}`);
  await page.getByLabel('Headline').waitFor();
  return page;
}

/** `git diff --no-index --numstat` of two files: [added, removed] lines. */
async function diffLines(before: string, after: string): Promise<[number, number]> {
  const result = await promisify(execFile)('git', ['diff', '--no-index', '--numstat', before, after]).catch(
    (error: { stdout: string }) => error,
  );
  const [added = '0', removed = '0'] = result.stdout.trim().split(/\s+/);
  return [Number(added), Number(removed)];
}

describe('the newsroom admin', () => {
  it(
    'lists stories newest first with dates in the site’s time zone, the draft marked',
    { timeout: 120_000 },
    async () => {
      const page = await running.browser.newPage();
      await signIn(page, running.cms.adminUrl);
      await page.goto(`${running.cms.adminUrl}#/collections/articles`);
      const seed = page.getByText('Russia reaffirms deepening ties with Myanmar · Aug 8, 2022, 09:00');
      await seed.waitFor();
      expect(await page.getByText('New story', { exact: true }).count()).toBe(1);
      const list = await page.locator('main').innerText();
      expect(list).toContain('Draft · Fixture draft that must not be published · Oct 1, 2022, 09:00');
      // 08:30+02:00 is 06:30 in the site's zone (UTC).
      expect(list).toContain('Fixture article with a table, footnotes and a hero image · Sep 14, 2022, 06:30');
      const order = [
        'Fixture draft',
        'Fixture story with two authors',
        'Fixture article with a table',
        'Russia reaffirms',
      ];
      const positions = order.map((headline) => list.indexOf(headline));
      expect(positions.every((position) => position >= 0)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      await page.close();
    },
  );

  it(
    'saves every fixture article, edited and changed back, byte for byte as it was',
    { timeout: 600_000 },
    async () => {
      const ids = (await readdir(articlesDir()))
        .filter((name) => name.endsWith('.mdx'))
        .map((name) => name.slice(0, -4));
      expect(ids.length).toBeGreaterThanOrEqual(5);
      for (const id of ids) {
        const before = await readFile(articleFile(id), 'utf8');
        const page = await openEntry(id);
        const headline = page.getByLabel('Headline');
        const original = await headline.inputValue();
        // Decap saves only an entry that differs from what it loaded: change, save, change back, save.
        await headline.fill(`${original} (updated)`);
        await publishNow(page);
        await page.getByText('Entry saved').first().waitFor();
        await page.reload();
        await expect.poll(() => headline.inputValue()).toBe(`${original} (updated)`);
        await headline.fill(original);
        await publishNow(page);
        await page.getByText('Entry saved').first().waitFor();
        await page.close();
        expect(await readFile(articleFile(id), 'utf8'), id).toBe(before);
        console.log(`byte-identical after two saves: ${id}.mdx`);
      }
    },
  );

  it(
    'shows the seed article’s author, and a one-word fix in the body is a one-line diff',
    { timeout: 180_000 },
    async () => {
      const before = path.join(running.cms.repoDir, 'seed-before.mdx');
      await writeFile(before, await readFile(articleFile(seedArticleId), 'utf8'));
      const page = await openEntry(seedArticleId);
      await page.getByText('Ahmed Adel', { exact: true }).first().waitFor();
      await bodyEditor(page)
        .getByText(/particularly importance/)
        .waitFor();
      await page
        .getByText(/particularly importance/)
        .first()
        .evaluate((paragraph) => {
          // Selects the one word, as a double click on it would.
          const text = [...(paragraph.closest('p') ?? paragraph).querySelectorAll('[data-slate-string]')].find((node) =>
            node.textContent!.includes('particularly'),
          )!.firstChild!;
          const start = text.textContent!.indexOf('particularly');
          const range = document.createRange();
          range.setStart(text, start);
          range.setEnd(text, start + 'particularly'.length);
          getSelection()!.removeAllRanges();
          getSelection()!.addRange(range);
        });
      await page.keyboard.type('particular');
      await bodyEditor(page)
        .getByText(/particular importance/)
        .waitFor();
      await publishNow(page);
      await page.getByText('Entry saved').first().waitFor();
      await page.close();
      const after = await readFile(articleFile(seedArticleId), 'utf8');
      expect(after).toContain('something of particular importance');
      expect(await diffLines(before, articleFile(seedArticleId))).toEqual([1, 1]);
    },
  );

  it(
    'writes a story with two photos in the body and a gallery; the build shows them as <picture> with AVIF and WebP',
    { timeout: 600_000 },
    async () => {
      const page = await running.browser.newPage({ viewport: { width: 1400, height: 1000 } });
      await signIn(page, running.cms.adminUrl);
      const count = new ActionCounter();
      const started = Date.now();
      await writeStoryWithPhotos(
        page,
        {
          headline: 'New quay opens with four berths',
          standfirst: 'The harbour doubles its capacity after two years of building.',
          author: 'Ahmed Adel',
          date: '2026-01-02T10:00',
          tags: 'Ports, Harbours',
          paragraphs: [
            'The harbour authority opened the new quay on Tuesday.',
            'Cranes were unloading the first containers by noon.',
            'The first ship berthed in the evening.',
          ],
          photos: [
            { file: photos.cranes!, alt: 'Cranes over the new quay', caption: 'Cranes at work.', credit: 'Staff' },
            { file: photos.crowd!, alt: 'A crowd at the opening ceremony', caption: 'The opening.' },
          ],
          gallery: {
            caption: 'The quay on its first day.',
            photos: [
              { file: photos.ship!, alt: 'The first ship at the berth' },
              { file: photos.dusk!, alt: 'The quay at dusk', credit: 'Agency' },
            ],
          },
        },
        count,
      );
      console.log(
        `new story with two photos and a gallery of two, published: ${count.clicks} clicks, ${count.fills} fields typed, ` +
          `${((Date.now() - started) / 1000).toFixed(1)} s (scripted)`,
      );
      const preview = page.frameLocator('#preview-pane');
      // After the save Decap shows the entry again: wait for its preview to be drawn.
      await expect.poll(() => preview.locator('.prose figure.media-figure img').count()).toBe(4);
      expect(await preview.locator('.prose figure.gallery figcaption').last().textContent()).toBe(
        'The quay on its first day.',
      );
      await page.close();

      const id = 'new-quay-opens-with-four-berths';
      const text = await readFile(articleFile(id), 'utf8');
      expect(text).toContain(
        '\n\n<Figure src="./images/quay-cranes.jpg" alt="Cranes over the new quay" caption="Cranes at work." credit="Staff" />\n\n',
      );
      expect(text).toContain('<Gallery caption="The quay on its first day.">\n  <Figure src="./images/quay-ship.jpg"');

      const site = await buildSite('cms-photos', running.cms.contentDir, {
        SITE_URL: 'https://news.example.com',
        COMMENTS_ENDPOINT: inject('commentsEndpoint'),
      });
      const html = await readFile(path.join(site.outDir, 'articles', id, 'index.html'), 'utf8');
      const pictures = html.match(/<picture\b[\s\S]*?<\/picture>/g) ?? [];
      const bodyPictures = pictures.filter((picture) =>
        /alt="(Cranes over|A crowd|The first ship|The quay at dusk)/.test(picture),
      );
      expect(bodyPictures).toHaveLength(4);
      for (const picture of bodyPictures) {
        expect(picture).toContain('type="image/avif"');
        expect(picture).toContain('type="image/webp"');
      }
      expect(html).toMatch(/class="gallery"[\s\S]*The quay on its first day\./);
    },
  );
});
