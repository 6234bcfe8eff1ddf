import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, inject, it } from 'vitest';
import { listFiles, readPage, visibleText } from '../../support/html.ts';
import { seedArticleId } from '../../support/seed.ts';

const siteDir = inject('siteDir');
const articlePath = `/articles/${seedArticleId}/`;

describe('comments in the built article page (default provider: service)', () => {
  it('has the form after the article footer, posting to the service and returning to this page', async () => {
    const page = await readPage(siteDir, articlePath);
    // The comments and more stories sit in a block after the article that carries the site's
    // language when the article is in another one.
    const section = page.querySelector('main > article + div > section#comments')!;
    expect(section).not.toBeNull();
    const form = section.querySelector('form[data-comment-form]')!;
    expect(form.getAttribute('method')).toBe('post');
    expect(form.getAttribute('action')).toBe(`${inject('commentsEndpoint')}/comments`);
    expect(form.querySelector('input[name=redirect]')!.getAttribute('value')).toBe(
      `https://news.example.com${articlePath}`,
    );
    expect(form.querySelector('input[name=article]')!.getAttribute('value')).toBe(seedArticleId);

    const newsPage = await readPage(inject('newsSiteDir'), articlePath);
    expect(newsPage.querySelector('input[name=redirect]')!.getAttribute('value')).toBe(
      `https://example.com/news${articlePath}`,
    );
  });

  it('renders the approved comments from content/comments/ with a count, threaded and escaped', async () => {
    const page = await readPage(siteDir, articlePath);
    expect(visibleText(page.querySelector('#comments-title')!)).toBe('2 comments');
    const first = page.querySelector('#comment-5f1a7c20-0d1b-11ed-b1f1-fixture00001')!;
    expect(visibleText(first.querySelector('.comment-author')!)).toBe('Thandar <script>alert("x")</script>');
    expect(first.querySelector('.comment-author a')!.getAttribute('rel')).toBe('nofollow ugc noopener');
    expect(first.querySelectorAll('.comment-body p')).toHaveLength(2);
    expect(first.querySelector('time')!.getAttribute('datetime')).toBe('2022-08-31T10:00:00.000Z');
    const reply = page.querySelector('#comment-5f1a7c20-0d1b-11ed-b1f1-fixture00002')!;
    expect(reply.closest('.comment-replies')).not.toBeNull();
    expect(reply.querySelector('a.comment-author, .comment-author a')).toBeNull();
    // Stored text is data: no element made from it, no javascript: link (inside quoted attributes "<" is inert).
    for (const script of page.querySelectorAll('script')) expect(script.textContent).not.toContain('alert');
    const html = await readFile(path.join(siteDir, articlePath, 'index.html'), 'utf8');
    expect(html.replace(/"[^"]*"/g, '""')).not.toContain('<script>alert');
    expect(html).not.toContain('javascript:');
    expect(first.querySelector('[data-reply-to]')!.getAttribute('data-reply-name')).toBe(
      'Thandar <script>alert("x")</script>',
    );
  });

  it('loads the comment script only on article pages, within 4 KB gzipped', async () => {
    const pages = (await listFiles(siteDir)).filter((file) => file.endsWith('.html'));
    const scriptsOf = async (file: string) =>
      (await readPage(siteDir, `/${file}`)).querySelectorAll('script[src]').map((s) => s.getAttribute('src')!);
    const articleScripts = await scriptsOf(`articles/${seedArticleId}/index.html`);
    const commentScript = articleScripts.find((src) => /CommentForm/.test(src));
    expect(commentScript).toBeDefined();
    for (const file of pages.filter((f) => !f.startsWith('articles/'))) {
      expect(await scriptsOf(file), file).not.toContain(commentScript);
    }
    const source = await readFile(path.join(siteDir, commentScript!));
    const gzipped = gzipSync(source, { level: 9 }).length;
    console.log(`comment script: ${source.length} bytes, ${gzipped} bytes gzipped`);
    expect(gzipped).toBeLessThanOrEqual(4096);
  });
});
