import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleSchema } from '../../../src/articles/schema.ts';
import { articleAuthors, importWordPress } from '../../../src/import/wordpress/import.ts';
import type { WxrItem } from '../../../src/import/wordpress/wxr.ts';
import { z } from 'astro/zod';
import { startMediaServer, type MediaServer } from '../../support/wordpress-media-server.ts';
import { exportFile, uploadsDir, wordpressFixture } from './fixture.ts';

const scratchDirs: string[] = [];
async function scratch(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wordpress-import-test-'));
  scratchDirs.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(scratchDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function snapshot(dir: string): Promise<Record<string, string>> {
  const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
  const entries = await Promise.all(
    files.map(async (entry) => {
      const file = path.join(entry.parentPath, entry.name);
      return [path.relative(dir, file), (await readFile(file)).toString('base64')] as const;
    }),
  );
  return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
}

const frontmatter = (mdx: string) => parse(mdx.split(/^---$/m)[1]!) as Record<string, unknown>;

describe('importing the fixture export', () => {
  let contentDir: string;
  beforeAll(async () => {
    contentDir = await scratch();
  });

  it('counts what it imported and what it left out', async () => {
    const report = await importWordPress({ exportFile, uploadsDir, contentDir });
    expect(report.articles).toEqual({ published: 3, drafts: 2, scheduled: 1 });
    expect(report.pages).toEqual({ published: 1, drafts: 0 });
    expect(report.authors).toBe(2);
    expect(report.tags).toBe(10);
    expect(report.images.copied).toBe(2);
    expect(report.images.missing.map((m) => m.url)).toEqual([
      'https://old-meridian.example/wp-content/uploads/2022/09/harbour-at-dusk-1024x576.jpg',
    ]);
    expect(report.comments).toEqual({ imported: 4, skipped: { pending: 1, spam: 1, pingback: 1 } });
    expect(report.skippedItems).toEqual({ attachment: 3, revision: 1, nav_menu_item: 1, 'trashed post': 1 });
    expect(report.shortcodes).toEqual({ 'contact-form-7': ['articles/fishermen-count-the-cost-of-a-shrinking-catch'] });
    expect(report.blocks).toEqual({ 'jetpack/subscriptions': ['articles/port-expansion-draws-new-investors'] });
    expect(report.files.skippedEdited).toEqual([]);
  });

  it('writes frontmatter that the article schema accepts', async () => {
    const schema = articleSchema({ image: () => z.string(), author: z.string() });
    const articles = (await readdir(path.join(contentDir, 'articles'))).filter((file) => file.endsWith('.mdx'));
    expect(articles.length).toBeGreaterThan(0);
    for (const file of articles) {
      const data = frontmatter(await readFile(path.join(contentDir, 'articles', file), 'utf8'));
      expect(schema.safeParse(data).error?.issues, file).toBeUndefined();
      expect(existsSync(path.join(contentDir, 'authors', `${data.author}.yaml`))).toBe(true);
    }
    const seed = frontmatter(
      await readFile(path.join(contentDir, 'articles', 'russia-reaffirms-deepening-ties-with-myanmar.mdx'), 'utf8'),
    );
    expect(seed).toMatchObject({
      section: 'World',
      tags: ['World', 'Russia', 'Myanmar', 'ASEAN', 'Sanctions', 'Diplomacy'],
      image: {
        src: './images/2022/08/lavrov-naypyidaw.jpg',
        alt: 'Sergei Lavrov and Min Aung Hlaing shake hands in Naypyidaw',
      },
    });
    const drafts = ['draft-rice-export-roadmap.mdx', 'internal-coverage-plan-for-the-summit.mdx'];
    for (const draft of drafts)
      expect(frontmatter(await readFile(path.join(contentDir, 'articles', draft), 'utf8')).draft).toBe(true);
    const scheduled = frontmatter(
      await readFile(path.join(contentDir, 'articles', 'summit-preview-what-to-expect.mdx'), 'utf8'),
    );
    expect(scheduled.draft).toBeUndefined();
    expect(String(scheduled.date)).toMatch(/^2099-11-01/);
  });

  it('gives the same files when run again', async () => {
    const before = await snapshot(contentDir);
    const report = await importWordPress({ exportFile, uploadsDir, contentDir });
    expect(report.files.created).toEqual([]);
    expect(report.files.updated).toEqual([]);
    expect(await snapshot(contentDir)).toEqual(before);
  });

  it('leaves an article edited since the import alone, and says so, unless forced', async () => {
    const file = path.join(contentDir, 'articles', 'port-expansion-draws-new-investors.mdx');
    const edited = `${await readFile(file, 'utf8')}\nAn editor’s addition.\n`;
    await writeFile(file, edited);
    const again = await importWordPress({ exportFile, uploadsDir, contentDir });
    expect(again.files.skippedEdited).toEqual(['articles/port-expansion-draws-new-investors.mdx']);
    expect(await readFile(file, 'utf8')).toBe(edited);
    const forced = await importWordPress({ exportFile, uploadsDir, contentDir, force: true });
    expect(forced.files.updated).toEqual(['articles/port-expansion-draws-new-investors.mdx']);
    expect(await readFile(file, 'utf8')).not.toContain('An editor’s addition.');
  });
});

describe('what leaves the content folder as it was', () => {
  it('a dry run', async () => {
    const contentDir = await scratch();
    const report = await importWordPress({ exportFile, uploadsDir, contentDir, dryRun: true });
    expect(report.files.created.length).toBeGreaterThan(10);
    expect(await readdir(contentDir)).toEqual([]);
  });

  it.each([
    ['a truncated export', (xml: string) => xml.slice(0, xml.indexOf('<wp:post_id>120')), /ends too early/],
    [
      'an export that declares no author at all',
      (xml: string) => xml.replace(/<wp:author>[\s\S]*?<\/wp:author>/g, ''),
      /does not list.*"ahmed"/,
    ],
    [
      'a file that is not an export',
      () => '<?xml version="1.0"?><rss><channel><title>A feed</title></channel></rss>',
      /not a WordPress export/,
    ],
  ])('%s: an error saying what is wrong, and nothing written', async (_name, change, message) => {
    const contentDir = await scratch();
    await cp(path.join(path.dirname(exportFile), 'uploads'), path.join(contentDir, 'uploads'), { recursive: true });
    const before = await snapshot(contentDir);
    const broken = path.join(await scratch(), 'export.xml');
    await writeFile(broken, change(await readFile(exportFile, 'utf8')));
    await expect(importWordPress({ exportFile: broken, uploadsDir, contentDir })).rejects.toThrow(message);
    expect(await snapshot(contentDir)).toEqual(before);
  });
});

describe('an author the export does not declare', () => {
  async function importWithCreator(
    creator: string,
    options: { authorMap?: Map<string, string>; fallbackAuthor?: string } = {},
  ) {
    const file = path.join(await scratch(), 'export.xml');
    const xml = await readFile(exportFile, 'utf8');
    await writeFile(file, xml.replaceAll('<dc:creator><![CDATA[msantos]]>', `<dc:creator><![CDATA[${creator}]]>`));
    const contentDir = await scratch();
    const report = await importWordPress({ exportFile: file, uploadsDir, contentDir, ...options });
    const port = frontmatter(
      await readFile(path.join(contentDir, 'articles', 'port-expansion-draws-new-investors.mdx'), 'utf8'),
    );
    return { report, author: port.author };
  }

  it('goes to the closest declared author, and the report says so', async () => {
    const { report, author } = await importWithCreator('>msantos');
    expect(author).toBe('msantos');
    expect(report.fallbacks).toContainEqual({
      entry: 'articles/port-expansion-draws-new-investors',
      reason: 'names the undeclared author ">msantos": given to "msantos" (the closest declared author)',
    });
  });

  it('follows --author-map, or else goes to the fallback author', async () => {
    expect((await importWithCreator('ghost', { authorMap: new Map([['ghost', 'msantos']]) })).author).toBe('msantos');
    expect((await importWithCreator('ghost', { fallbackAuthor: 'msantos' })).author).toBe('msantos');
    expect((await importWithCreator('ghost')).author).toBe('ahmed');
  });
});

describe('two posts with one slug', () => {
  it('keeps both: the second gets a suffix and the report names it', async () => {
    const xml = await readFile(exportFile, 'utf8');
    const second = xml
      .match(/\t<item>\s*<title><!\[CDATA\[Fishermen[\s\S]*?<\/item>/)![0]
      .replace('<wp:post_id>120</wp:post_id>', '<wp:post_id>121</wp:post_id>')
      .replace('Fishermen count the cost', 'Fishermen still count the cost');
    const file = path.join(await scratch(), 'export.xml');
    await writeFile(file, xml.replace('</channel>', `${second}\n</channel>`));
    const contentDir = await scratch();
    const report = await importWordPress({ exportFile: file, uploadsDir, contentDir });
    expect(report.renamed).toEqual([
      {
        title: 'Fishermen still count the cost of a shrinking catch',
        wanted: 'fishermen-count-the-cost-of-a-shrinking-catch',
        slug: 'fishermen-count-the-cost-of-a-shrinking-catch-2',
      },
    ]);
    expect(existsSync(path.join(contentDir, 'articles', 'fishermen-count-the-cost-of-a-shrinking-catch.mdx'))).toBe(
      true,
    );
    expect(existsSync(path.join(contentDir, 'articles', 'fishermen-count-the-cost-of-a-shrinking-catch-2.mdx'))).toBe(
      true,
    );
  });
});

describe('co-authors from the export', () => {
  const authors = new Map([
    ['msantos', { id: 'msantos' }],
    ['jlee', { id: 'jlee' }],
  ]);
  const item = (terms: Array<{ domain: string; slug: string; name: string }>) =>
    ({ creator: 'msantos', terms }) as unknown as WxrItem;

  it('writes one author id when the export names one', () => {
    expect(articleAuthors(item([{ domain: 'category', slug: 'world', name: 'World' }]), authors)).toBe('msantos');
  });

  it('writes the Co-Authors Plus list, in its order, keeping the post’s own author', () => {
    expect(
      articleAuthors(
        item([
          { domain: 'author', slug: 'cap-jlee', name: 'jlee' },
          { domain: 'author', slug: 'cap-msantos', name: 'msantos' },
        ]),
        authors,
      ),
    ).toEqual(['jlee', 'msantos']);
    expect(articleAuthors(item([{ domain: 'author', slug: 'cap-jlee', name: 'jlee' }]), authors)).toEqual([
      'msantos',
      'jlee',
    ]);
  });

  it('leaves out co-authors the export does not list', () => {
    expect(articleAuthors(item([{ domain: 'author', slug: 'cap-guest', name: 'guest' }]), authors)).toBe('msantos');
  });
});

describe('a self-hosted export in a subfolder, media fetched from a mirror on loopback', () => {
  let server: MediaServer;
  beforeAll(async () => {
    server = await startMediaServer(path.join(wordpressFixture, 'media'));
  });
  afterAll(async () => {
    await server.close();
  });

  /** The WordPress.com fixture as a self-hosted site at https://example.org/news (WXR 1.1, uploads under the install). */
  async function selfHostedExport(): Promise<string> {
    const xml = (await readFile(path.join(wordpressFixture, 'wordpress-com.xml'), 'utf8'))
      .replaceAll('https://meridianpost.files.wordpress.com/', 'https://example.org/news/wp-content/uploads/')
      .replaceAll('https://meridianpost.wordpress.com', 'https://example.org/news')
      .replace(
        '<wp:base_site_url>https://wordpress.com/</wp:base_site_url>',
        '<wp:base_site_url>https://example.org/news</wp:base_site_url>',
      )
      .replaceAll('http://wordpress.org/export/1.2/', 'http://wordpress.org/export/1.1/')
      .replace('<wp:wxr_version>1.2</wp:wxr_version>', '<wp:wxr_version>1.1</wp:wxr_version>');
    const file = path.join(await scratch(), 'self-hosted.xml');
    await writeFile(file, xml);
    return file;
  }

  it('makes every file of the site local, keeps the subfolder in the old addresses, and loses nothing silently', async () => {
    const file = await selfHostedExport();
    const contentDir = await scratch();
    const mediaDir = await scratch();
    const fetchMedia = { dir: mediaDir, origin: server.origin };
    const report = await importWordPress({ exportFile: file, contentDir, fetchMedia });
    expect(report.fetched).toMatchObject({ downloaded: 10, present: 0, failed: [] });
    expect(report.images.copied).toBe(10);
    expect(report.images.missing.map((m) => m.url).sort()).toEqual([
      'https://cdn.other.example/photos/lighthouse.jpg',
      'https://radio.example/podcast/episode-12.mp3',
    ]);
    expect(report.silentLosses).toEqual([]);
    const redirects = await readFile(path.join(contentDir, '_redirects'), 'utf8');
    expect(redirects).toContain(
      '/news/2023/04/12/water-energy-and-the-harbour/ /articles/water-energy-and-the-harbour/ 301\n',
    );
    expect(redirects).toContain('/news/level-1/level-2/ /level-2/ 301\n');
    const blocks = await readFile(path.join(contentDir, 'articles', 'blocks-on-the-water.mdx'), 'utf8');
    expect(blocks).toContain('<Audio src="./media/2024/02/talk.wav" caption="The harbour master on the new quay" />');
    expect(blocks).toContain('<Download src="./media/2024/02/wind-farm.pdf" name="Wind Farm" size="');
    expect(existsSync(path.join(contentDir, 'articles', 'media', '2024', '02', 'clip.vtt'))).toBe(true);

    // Run again, it only asks whether each file changed (the server answers 304) and changes nothing.
    const again = await importWordPress({ exportFile: file, contentDir, fetchMedia });
    expect(again.fetched).toMatchObject({ downloaded: 0, replaced: 0, present: 10, bytes: 0 });
    expect(again.files).toMatchObject({ created: [], updated: [] });
  });

  it('replaces a file changed on the old site under the same name in the content folder, not keeping the stale copy', async () => {
    const file = await selfHostedExport();
    const [contentDir, mediaDir, root] = [await scratch(), await scratch(), await scratch()];
    await cp(path.join(wordpressFixture, 'media'), root, { recursive: true });
    const mirror = await startMediaServer(root);
    try {
      const fetchMedia = { dir: mediaDir, origin: mirror.origin };
      await importWordPress({ exportFile: file, contentDir, fetchMedia });
      await writeFile(path.join(root, '2024/02/wind-farm.pdf'), '%PDF-1.4 the corrected report\n');
      const again = await importWordPress({ exportFile: file, contentDir, fetchMedia });
      expect(again.fetched).toMatchObject({ downloaded: 0, replaced: 1, present: 9 });
      // The article too: its <Download> says the file's new size.
      expect(again.files.updated).toEqual(['articles/blocks-on-the-water.mdx', 'articles/media/2024/02/wind-farm.pdf']);
      const copy = await readFile(path.join(contentDir, 'articles/media/2024/02/wind-farm.pdf'), 'utf8');
      expect(copy).toBe('%PDF-1.4 the corrected report\n');
    } finally {
      await mirror.close();
    }
  });
});
