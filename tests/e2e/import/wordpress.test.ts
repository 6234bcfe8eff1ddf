/**
 * The WordPress import end to end: the fixture export goes through `npm run import:wordpress`
 * into a fresh content folder, the real Astro build builds it, and a real nginx serves it
 * with the redirects the build wrote.
 */
import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFiles, readPage, visibleText } from '../../support/html.ts';
import { startNginx, type NginxServer } from '../../support/nginx.ts';
import {
  checkContentRedirects,
  checkOldAddresses,
  checkRedirects,
  publishedEntries,
  statusOf,
} from '../../support/old-addresses.ts';
import { run, type RunResult } from '../../support/project.ts';
import { seed, seedArticleId } from '../../support/seed.ts';
import { buildSite, testRoot, type BuiltSite } from '../../support/site-build.ts';

const fixture = path.join(import.meta.dirname, '..', '..', 'fixtures', 'wordpress');
const exportFile = path.join(fixture, 'export.xml');
const uploads = path.join(fixture, 'uploads');
const oldSite = 'https://old-meridian.example';

let imported: RunResult;
let contentDir: string;
let site: BuiltSite;
let nginx: NginxServer;

beforeAll(async () => {
  await mkdir(testRoot, { recursive: true });
  contentDir = await mkdtemp(path.join(testRoot, 'wordpress-content-'));
  imported = await run(
    process.execPath,
    ['--experimental-strip-types', 'src/cli/import-wordpress.ts', exportFile, '--uploads', uploads],
    {
      CONTENT_DIR: contentDir,
    },
  );
  if (imported.code !== 0) throw new Error(`import failed:\n${imported.output}`);
  site = await buildSite('wordpress', contentDir, { SITE_URL: 'https://news.example.com', COMMENTS_PROVIDER: 'none' });
  nginx = await startNginx([{ base: '/', dir: site.outDir }]);
}, 600_000);

afterAll(async () => {
  await nginx?.close();
});

describe('the import report', () => {
  it('counts what the fixture holds', () => {
    const line = (label: string) => imported.stdout.match(new RegExp(`^ +${label}: +(.*)$`, 'm'))?.[1];
    expect(line('articles')).toBe('3 published, 2 drafts, 1 scheduled');
    expect(line('pages')).toBe('1 published, 0 drafts');
    expect(line('authors')).toBe('2');
    expect(line('tags')).toBe('10');
    expect(line('media')).toBe('2 made local, 1 not made local');
    expect(line('silent losses')).toBe('0');
    expect(line('comments')).toBe('4 imported, 3 skipped (pending 1, pingback 1, spam 1)');
    expect(line('skipped')).toBe('attachment 3, nav_menu_item 1, revision 1, trashed post 1');
    expect(imported.stdout).toContain('[contact-form-7] in articles/fishermen-count-the-cost-of-a-shrinking-catch');
    expect(imported.stdout).toContain('jetpack/subscriptions in articles/port-expansion-draws-new-investors');
    expect(imported.stdout).toContain(`${oldSite}/wp-content/uploads/2022/09/harbour-at-dusk-1024x576.jpg (missing)`);
  });
});

describe('the built site', () => {
  it('builds without errors', () => {
    expect(site.buildOutput).not.toMatch(/\[ERROR\]|Skipping comment|content\/comments:|content\/_redirects/);
  });

  it('has the seed article’s paragraphs, word for word and in order', async () => {
    const page = await readPage(site.outDir, `/articles/${seedArticleId}/`);
    expect(visibleText(page.querySelector('h1')!)).toBe(seed.title);
    expect(page.querySelectorAll('.prose > p').map(visibleText)).toEqual(seed.body);
    expect(page.querySelector('.prose .pull-quote')!.getAttribute('aria-hidden')).toBe('true');
    expect(visibleText(page.querySelector('.prose figure figcaption')!)).toBe(
      'Sergei Lavrov meets Min Aung Hlaing in Naypyidaw on August 3.',
    );
  });

  it('optimises the copied images and links the missing one on the old site, with words', async () => {
    const seedPage = await readPage(site.outDir, `/articles/${seedArticleId}/`);
    // The site's <Figure>: AVIF and WebP sources, the optimised original as the fallback.
    expect(seedPage.querySelector('.prose .media-figure img')!.getAttribute('src')).toMatch(
      /^\/_astro\/lavrov-naypyidaw\.[\w-]+\.jpg$/,
    );
    expect(seedPage.querySelector('.prose .media-figure source[type="image/avif"]')).not.toBeNull();
    expect(seedPage.querySelector('.hero source[type="image/avif"]')).not.toBeNull();
    const port = await readPage(site.outDir, '/articles/port-expansion-draws-new-investors/');
    const sources = port.querySelectorAll('.prose img').map((img) => img.getAttribute('src'));
    expect(sources.some((src) => /^\/_astro\/port-expansion\./.test(src!))).toBe(true);
    expect(sources.filter((src) => !src!.startsWith('/_astro/'))).toEqual([]);
    const link = port.querySelector(
      `.prose a[href="${oldSite}/wp-content/uploads/2022/09/harbour-at-dusk-1024x576.jpg"]`,
    )!;
    expect(visibleText(link)).toMatch(/^Picture: .+ \(on the old site\)$/);
  });

  it('shows every approved comment on its article, replies under the comment that started the thread', async () => {
    const page = await readPage(site.outDir, `/articles/${seedArticleId}/`);
    expect(visibleText(page.querySelector('#comments-title')!)).toBe('3 comments');
    const thread = page.querySelector('#comment-wp-201')!.closest('li.comment')!;
    expect(thread.parentNode?.classList.contains('comment-list')).toBe(true);
    expect(
      thread.querySelectorAll('.comment-replies > li > .comment-card').map((card) => card.getAttribute('id')),
    ).toEqual(['comment-wp-202', 'comment-wp-203']);
    expect(visibleText(page.querySelector('#comment-wp-203 .comment-body')!)).toBe(
      'Thanks. I will look for the agenda (https://example.net/agenda) when it is out.',
    );
    expect(page.querySelector('#comment-wp-201 .comment-author a')!.getAttribute('href')).toBe(
      'https://reader.example.org/thandar',
    );
    const port = await readPage(site.outDir, '/articles/port-expansion-draws-new-investors/');
    expect(visibleText(port.querySelector('#comment-wp-207 .comment-body')!)).toBe(
      'Good to see the figures in a table.',
    );
  });

  it('publishes no pending, spam or pingback comment anywhere', async () => {
    const files = (await listFiles(site.outDir)).filter((file) => /\.(html|xml|json)$/.test(file));
    for (const file of files) {
      const text = await readFile(path.join(site.outDir, file), 'utf8');
      for (const hidden of [
        'still waiting for moderation',
        'Buy cheap pills',
        'Regional Digest',
        'wp-204',
        'wp-205',
        'wp-206',
      ]) {
        expect(text, file).not.toContain(hidden);
      }
    }
  });

  it('builds the page at /about/, listed on the pages index that every footer links to, and no draft, private or scheduled post', async () => {
    const home = await readPage(site.outDir, '/');
    const footerLinks = home.querySelectorAll('.site-footer a').map((a) => a.getAttribute('href'));
    expect(footerLinks).toContain('/pages/');
    expect(footerLinks).not.toContain('/about/');
    const index = await readPage(site.outDir, '/pages/');
    expect(index.querySelectorAll('.pages-index a').map((a) => a.getAttribute('href'))).toContain('/about/');
    const about = await readPage(site.outDir, '/about/');
    expect(visibleText(about.querySelector('h1')!)).toBe('About us');
    const files = await listFiles(site.outDir);
    for (const slug of [
      'draft-rice-export-roadmap',
      'internal-coverage-plan-for-the-summit',
      'summit-preview-what-to-expect',
    ]) {
      expect(files.filter((file) => file.includes(slug))).toEqual([]);
    }
  });
});

describe('old addresses on nginx', () => {
  it('redirects every old permalink and ?p= address to the new page, which answers 200', async () => {
    const entries = await publishedEntries(exportFile);
    expect(entries).toHaveLength(4);
    const { targets } = await checkOldAddresses(nginx.origin, entries);
    expect(targets.get('101')).toBe(`/articles/${seedArticleId}/`);
    expect([...targets.values()]).toContain('/about/');
  });

  it('answers 301 to a page that answers 200 at every address the import wrote', async () => {
    const answered = await checkContentRedirects(nginx.origin, contentDir);
    expect(answered).toBe(56);
  });

  it('redirects old category and tag archives and their feeds to the topic pages and feeds, and the main feeds', async () => {
    await checkRedirects(nginx.origin, [
      ['/category/world/', '/tags/world/'],
      ['/category/world/feed/', '/tags/world/rss.xml'],
      ['/category/world/southeast-asia/', '/tags/southeast-asia/'],
      ['/category/world/southeast-asia/feed/', '/tags/southeast-asia/rss.xml'],
      ['/tag/asean/', '/tags/asean/'],
      ['/tag/asean/feed/', '/tags/asean/rss.xml'],
      ['/tag/fisheries/', '/tags/fisheries/'],
      ['/feed/', '/rss.xml'],
      ['/feed/atom/', '/atom.xml'],
    ]);
    // Netlify and Cloudflare read _redirects; GitHub Pages and S3 get a page that refreshes to the feed.
    const redirects = await readFile(path.join(site.outDir, '_redirects'), 'utf8');
    expect(redirects).toContain('/tag/asean/feed/ /tags/asean/rss.xml 301\n');
    const refresh = await readFile(path.join(site.outDir, 'category/world/feed/index.html'), 'utf8');
    expect(refresh).toContain('<meta http-equiv="refresh" content="0; url=/tags/world/rss.xml">');
  });

  it('leaves a refresh page with a canonical link at each old path for hosts that cannot redirect', async () => {
    const html = await readFile(
      path.join(site.outDir, '2022/08/08/russia-reaffirms-deepening-ties-with-myanmar/index.html'),
      'utf8',
    );
    expect(html).toContain(`<meta http-equiv="refresh" content="0; url=/articles/${seedArticleId}/">`);
    expect(html).toContain(`<link rel="canonical" href="https://news.example.com/articles/${seedArticleId}/">`);
    const redirects = await readFile(path.join(site.outDir, '_redirects'), 'utf8');
    expect(redirects).toContain(
      `/2022/08/08/russia-reaffirms-deepening-ties-with-myanmar/ /articles/${seedArticleId}/ 301\n`,
    );
    expect(await statusOf(nginx.origin, '/_redirects')).toBe(404);
  });
});
