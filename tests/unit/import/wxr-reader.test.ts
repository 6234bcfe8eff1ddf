import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readWxrFile } from '../../../src/import/wordpress/wxr-reader.ts';
import { WxrError, type WxrRecord } from '../../../src/import/wordpress/wxr.ts';
import { exportFile } from './fixture.ts';

async function records(file: string): Promise<WxrRecord[]> {
  const all: WxrRecord[] = [];
  for await (const record of readWxrFile(file)) all.push(record);
  return all;
}

const scratchDirs: string[] = [];
afterAll(async () => {
  await Promise.all(scratchDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function scratchFile(name: string, content: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wxr-test-'));
  scratchDirs.push(dir);
  const file = path.join(dir, name);
  await writeFile(file, content);
  return file;
}

describe('reading the fixture export', () => {
  it('gives the site first, then its authors, terms and items in file order', async () => {
    const all = await records(exportFile);
    expect(all[0]).toMatchObject({
      kind: 'site',
      site: { title: 'The Meridian', link: 'https://old-meridian.example', wxrVersion: '1.2' },
    });
    const authors = all.flatMap((r) => (r.kind === 'author' ? [r.author] : []));
    expect(authors.map((a) => [a.login, a.displayName])).toEqual([
      ['ahmed', 'Ahmed Adel'],
      ['msantos', 'Maria Santos'],
    ]);
    const terms = all.flatMap((r) => (r.kind === 'term' ? [r.term] : []));
    expect(terms.find((t) => t.slug === 'southeast-asia')).toMatchObject({
      taxonomy: 'category',
      name: 'Southeast Asia',
      parent: 'world',
    });
    expect(terms.filter((t) => t.taxonomy === 'post_tag')).toHaveLength(7);
  });

  it('reads an item with its terms, meta and comments', async () => {
    const all = await records(exportFile);
    const seed = all.flatMap((r) => (r.kind === 'item' && r.item.id === '101' ? [r.item] : []))[0]!;
    expect(seed).toMatchObject({
      type: 'post',
      status: 'publish',
      name: 'russia-reaffirms-deepening-ties-with-myanmar',
      creator: 'ahmed',
    });
    expect(seed.terms.map((t) => `${t.domain}:${t.name}`)).toContain('category:World');
    expect(seed.meta.find((m) => m.key === '_thumbnail_id')?.value).toBe('102');
    expect(seed.comments.map((c) => [c.id, c.approved, c.type, c.parent])).toEqual([
      ['201', '1', 'comment', '0'],
      ['202', '1', 'comment', '201'],
      ['203', '1', 'comment', '202'],
      ['204', '0', 'comment', '0'],
      ['205', 'spam', 'comment', '0'],
      ['206', '1', 'pingback', '0'],
    ]);
    expect(seed.content).toContain('<blockquote class="td_pull_quote td_pull_center">');
  });

  it('drops characters XML forbids instead of failing on them', async () => {
    const text = (await readFile(exportFile, 'utf8')).replace('About us', 'About\u000bus');
    const stats = { droppedCharacters: 0 };
    const all: WxrRecord[] = [];
    for await (const record of readWxrFile(await scratchFile('control.xml', text), stats)) all.push(record);
    expect(stats.droppedCharacters).toBe(1);
    expect(all.some((r) => r.kind === 'item' && r.item.title === 'Aboutus')).toBe(true);
  });

  it('fills no field from elements named like built-in object properties', async () => {
    const odd = '<constructor>x</constructor><toString>y</toString><__proto__>z</__proto__>';
    const file = await scratchFile(
      'odd-names.xml',
      '<?xml version="1.0"?><rss version="2.0"><channel><wp:wxr_version>1.2</wp:wxr_version>' +
        `<wp:author><wp:author_login>ana</wp:author_login>${odd}</wp:author>` +
        `<item><title>A</title>${odd}<wp:comment><wp:comment_id>1</wp:comment_id>${odd}</wp:comment></item>` +
        '</channel></rss>',
    );
    const all = await records(file);
    const author = all.flatMap((r) => (r.kind === 'author' ? [r.author] : []))[0]!;
    const item = all.flatMap((r) => (r.kind === 'item' ? [r.item] : []))[0]!;
    expect(Object.keys(author).sort()).toEqual(
      ['description', 'displayName', 'email', 'firstName', 'id', 'lastName', 'login'].sort(),
    );
    expect(author.login).toBe('ana');
    expect(item.title).toBe('A');
    expect(Object.keys(item)).toHaveLength(23);
    expect(Object.keys(item.comments[0]!)).toHaveLength(10);
  });
});

describe('refusing what is not a complete WordPress export', () => {
  it('names a file cut short', async () => {
    const text = await readFile(exportFile, 'utf8');
    const file = await scratchFile('cut.xml', text.slice(0, Math.floor(text.length / 2)));
    await expect(records(file)).rejects.toThrow(/ends too early/);
    await expect(records(file)).rejects.toBeInstanceOf(WxrError);
  });

  it('tells an RSS feed from an export', async () => {
    const file = await scratchFile(
      'feed.xml',
      '<?xml version="1.0"?><rss version="2.0"><channel><title>News</title><item><title>A</title></item></channel></rss>',
    );
    await expect(records(file)).rejects.toThrow(/RSS feed, not a WordPress export/);
  });

  it('refuses other XML and text', async () => {
    await expect(records(await scratchFile('page.xml', '<html><body>Hi</body></html>'))).rejects.toThrow(
      /root element is <html>/,
    );
    await expect(records(await scratchFile('notes.txt', 'just some notes'))).rejects.toThrow(/not well-formed XML/);
  });
});
