/**
 * An editor's session in the admin, with real parts: `npm run cms` (decap-server on loopback
 * and the dev server) against a scratch copy of the fixture content, headless Chromium, and
 * real `astro sync` and builds of what the admin saved.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import { publishNow, signIn, useCmsAndBrowser } from '../../support/cms-session.ts';
import { addComponent } from '../../support/cms-stories.ts';
import { astro } from '../../support/project.ts';
import { seedArticleId } from '../../support/seed.ts';
import { buildSite } from '../../support/site-build.ts';

/** The same settings as global setup's root build, so built pages compare byte for byte. */
const buildEnv = () => ({ SITE_URL: 'https://news.example.com', COMMENTS_ENDPOINT: inject('commentsEndpoint') });

const running = useCmsAndBrowser();
let photo: string;
beforeAll(async () => {
  photo = path.join(running.cms.repoDir, 'harbour-cranes.jpg');
  await sharp({ create: { width: 1600, height: 900, channels: 3, background: '#336699' } })
    .jpeg()
    .toFile(photo);
});

const articleFile = (id: string) => path.join(running.cms.contentDir, 'articles', `${id}.mdx`);
const frontmatter = (text: string) => parse(/^---\n([\s\S]*?)\n---/.exec(text)![1]!) as Record<string, unknown>;
const bodyOf = (text: string) => text.slice(text.indexOf('\n---', 4) + 4).trim();

async function newArticlePage(): Promise<Page> {
  const page = await running.browser.newPage();
  await signIn(page, running.cms.adminUrl);
  await page.goto(`${running.cms.adminUrl}#/collections/articles/new`);
  await page.getByLabel('Headline').waitFor();
  return page;
}

/** Fills the fields every article needs; tags only when given. */
async function fillRequired(page: Page, title: string, tags?: string): Promise<void> {
  await page.getByLabel('Headline').fill(title);
  await page.getByLabel('Standfirst').fill('The port is working again after a week of repairs.');
  await page.getByLabel('Author').click();
  await page.keyboard.type('Ahmed');
  await page.getByText('Ahmed Adel', { exact: true }).last().click();
  await page.getByLabel('Publication date').fill('2026-01-02T10:00');
  if (tags) await page.getByLabel('Tags').fill(tags);
}

async function uploadImage(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Choose an image' }).click();
  await page.locator('input[type=file]').setInputFiles(photo);
  await page.getByRole('button', { name: 'Choose selected' }).click();
}

const bodyEditor = (page: Page) => page.locator('[data-slate-editor="true"]');

describe('editing in the admin', () => {
  it('saves the seed article unchanged so that its built page stays byte-identical', { timeout: 300_000 }, async () => {
    const before = await readFile(articleFile(seedArticleId), 'utf8');
    const page = await running.browser.newPage();
    await signIn(page, running.cms.adminUrl);
    await page.goto(`${running.cms.adminUrl}#/collections/articles/entries/${seedArticleId}`);
    // Decap saves only an entry that differs from what it loaded: add to a field and save,
    // then reopen the entry, take the addition out and save again.
    // fill() rather than typed keys: a key press lost on a loaded machine must not change the file.
    const section = page.getByLabel('Section');
    const original = await section.inputValue();
    await section.fill(`${original} news`);
    await publishNow(page);
    await page.getByText('Entry saved').first().waitFor();
    await page.reload();
    await expect.poll(() => section.inputValue()).toBe(`${original} news`);
    await section.fill(original);
    await publishNow(page);
    await page.getByText('Entry saved').first().waitFor();
    await page.close();

    const after = await readFile(articleFile(seedArticleId), 'utf8');
    // The admin's format merges edits into the file as it was (src/cms/faithful-format.ts): nothing is lost.
    expect(after).toBe(before);
    expect(bodyOf(after)).toBe(bodyOf(before));

    const rebuilt = await buildSite('cms-round-trip', running.cms.contentDir, buildEnv());
    const seedPage = `articles/${seedArticleId}/index.html`;
    expect(await readFile(path.join(rebuilt.outDir, seedPage), 'utf8')).toBe(
      await readFile(path.join(inject('siteDir'), seedPage), 'utf8'),
    );
  });

  it(
    'creates an article with every field, a photo and a pull quote; the build publishes it',
    // A sync and three builds: on a shared 2-core machine under load that takes more than 400 s.
    { timeout: 900_000 },
    async () => {
      const page = await newArticlePage();
      await fillRequired(page, 'Harbour reopens after the storm', 'Harbours, Diplomacy');
      await page.locator('input[id^="updated-field"]').fill('2026-01-03T08:30');
      await page.getByLabel('Section').fill('World');
      await uploadImage(page);
      await page.getByLabel('Alt text').fill('Cranes at the harbour');
      await page.getByLabel('Caption').fill('The harbour on Monday.');
      await page.getByLabel('Credit').fill('Staff photographer');
      await page.getByLabel('Canonical URL').fill('https://wire.example.com/harbour');
      await bodyEditor(page).click();
      await page.keyboard.type('The port reopened on Monday morning.');
      await page.keyboard.press('Enter');
      await addComponent(page, 'Pull quote');
      await page.getByLabel('Quoted words').fill('We are open for business');
      await page.getByLabel('Said by').fill('The harbour master');
      // Our preview template (in the preview frame) shows the article in the site's markup, and passes axe.
      const preview = page.frameLocator('#preview-pane');
      await preview.locator('.prose .pull-quote .words').getByText('We are open for business').waitFor();
      expect(await preview.locator('article h1.headline').textContent()).toBe('Harbour reopens after the storm');
      expect(await preview.locator('figure.hero img').getAttribute('alt')).toBe('Cranes at the harbour');
      // Decap re-renders its panes while it settles, and an analysis run meanwhile checks nothing:
      // analyse again until axe has checked the preview's content, then require no violations.
      const analyse = () => new AxeBuilder({ page }).include(['#preview-pane', 'main']).setLegacyMode(true).analyze();
      let axe = await analyse();
      await expect.poll(async () => (axe = await analyse()).passes.length, { timeout: 60_000 }).toBeGreaterThan(5);
      expect(axe.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
      await publishNow(page);
      await page.getByText('Entry saved').waitFor();
      await page.close();

      const id = 'harbour-reopens-after-the-storm';
      const text = await readFile(articleFile(id), 'utf8');
      expect(frontmatter(text)).toEqual({
        title: 'Harbour reopens after the storm',
        description: 'The port is working again after a week of repairs.',
        // One author is written as `author: id`, as `npm run new` does; several as a list.
        author: 'ahmed-adel',
        date: '2026-01-02T10:00:00Z',
        updated: '2026-01-03T08:30:00Z',
        tags: ['Harbours', 'Diplomacy'],
        section: 'World',
        image: {
          src: 'images/harbour-cranes.jpg',
          alt: 'Cranes at the harbour',
          caption: 'The harbour on Monday.',
          credit: 'Staff photographer',
        },
        // The schema's defaults (draft, comments, featured, breaking, lang) are not spelled out.
        canonical: 'https://wire.example.com/harbour',
      });
      expect(text).toContain('<PullQuote cite="The harbour master">We are open for business</PullQuote>');
      expect(existsSync(path.join(running.cms.contentDir, 'articles', 'images', 'harbour-cranes.jpg'))).toBe(true);

      const sync = await astro(['sync'], {
        CONTENT_DIR: running.cms.contentDir,
        ASTRO_CACHE_DIR: path.join(running.cms.repoDir, '.sync-cache'),
      });
      expect(sync.code, sync.output).toBe(0);

      // A scheduled article beside it: dated in the future, so the build leaves it out.
      await writeFile(
        articleFile('harbour-scheduled-follow-up'),
        text
          .replace('title: Harbour reopens after the storm', 'title: Harbour follow-up for next century')
          .replace(/date: .*/, 'date: 2999-01-01T00:00:00Z')
          .replace(/updated: .*\n/, ''),
      );

      const site = await buildSite('cms-created', running.cms.contentDir, buildEnv());
      const read = (file: string) => readFile(path.join(site.outDir, file), 'utf8');
      expect(await read('index.html')).toContain('Harbour reopens after the storm');
      expect(await read('tags/harbours/index.html')).toContain('Harbour reopens after the storm');
      expect(await read('rss.xml')).toContain('Harbour reopens after the storm');
      const article = await read(`articles/${id}/index.html`);
      expect(article).toMatch(/<img[^>]+alt="Cranes at the harbour"/);
      expect(article).toContain('The harbour on Monday.');
      expect(article).toContain('class="pull-quote"');
      expect(article).toContain('We are open for business');
      expect(existsSync(path.join(site.outDir, 'articles', 'harbour-scheduled-follow-up'))).toBe(false);
      expect(await read('rss.xml')).not.toContain('next century');

      // Edit it, save, rebuild: the change shows.
      const edit = await running.browser.newPage();
      await signIn(edit, running.cms.adminUrl);
      await edit.goto(`${running.cms.adminUrl}#/collections/articles/entries/${id}`);
      await edit.getByLabel('Standfirst').fill('Ships are loading again after a week of repairs.');
      await publishNow(edit);
      await edit.getByText('Entry saved').waitFor();
      await edit.close();
      const rebuilt = await buildSite('cms-edited', running.cms.contentDir, buildEnv());
      expect(await readFile(path.join(rebuilt.outDir, 'articles', id, 'index.html'), 'utf8')).toContain(
        'Ships are loading again after a week of repairs.',
      );
    },
  );

  it('edits an author: the YAML file keeps every field it had', { timeout: 120_000 }, async () => {
    const file = path.join(running.cms.contentDir, 'authors', 'ahmed-adel.yaml');
    const page = await running.browser.newPage();
    await signIn(page, running.cms.adminUrl);
    await page.goto(`${running.cms.adminUrl}#/collections/authors/entries/ahmed-adel`);
    await page.getByLabel('Web page').fill('https://ahmed-adel.example.com');
    await publishNow(page);
    await page.getByText('Entry saved').first().waitFor();
    await page.close();
    expect(parse(await readFile(file, 'utf8'))).toEqual({
      name: 'Ahmed Adel',
      bio: 'Cairo-based geopolitics and political economy researcher.',
      url: 'https://ahmed-adel.example.com',
    });
  });

  it(
    'refuses an article without tags, and a photo without alt text, with a message',
    { timeout: 120_000 },
    async () => {
      const page = await newArticlePage();
      await fillRequired(page, 'An article that must not be saved');
      await bodyEditor(page).click();
      await page.keyboard.type('A body.');
      await publishNow(page);
      await page.getByText(/Not saved\. tags must be a list of tag names/).waitFor();

      await page.getByLabel('Tags').fill('Harbours');
      await uploadImage(page);
      await publishNow(page);
      await page.getByText(/image\.alt is required/).waitFor();
      await page.close();
      expect(existsSync(articleFile('an-article-that-must-not-be-saved'))).toBe(false);
    },
  );

  it(
    'refuses to save an edited body whose footnotes and table alignment the editor would rewrite',
    { timeout: 120_000 },
    async () => {
      const id = 'fixture-markdown-features';
      const before = await readFile(articleFile(id), 'utf8');
      const page = await running.browser.newPage();
      await signIn(page, running.cms.adminUrl);
      await page.goto(`${running.cms.adminUrl}#/collections/articles/entries/${id}`);
      await bodyEditor(page).getByText('This paragraph opens the fixture article.').click();
      await page.keyboard.press('Home');
      await page.keyboard.type('Update: ');
      await publishNow(page);
      await page.getByText(/The editor would rewrite MDX it cannot show \(.*table column alignment/).waitFor();
      await page.close();
      expect(await readFile(articleFile(id), 'utf8')).toBe(before);
    },
  );

  it(
    'refuses a body that is not valid MDX instead of writing a file the build would reject',
    { timeout: 120_000 },
    async () => {
      const page = await newArticlePage();
      await fillRequired(page, 'Spending figures', 'Economy');
      await bodyEditor(page).click();
      await page.keyboard.type('Spending rose {by 5% in a year.');
      await publishNow(page);
      await page.getByText(/The body is not valid MDX/).waitFor();
      await page.close();
      expect(existsSync(articleFile('spending-figures'))).toBe(false);
    },
  );
});
