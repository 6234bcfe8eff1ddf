import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { normaliseComment } from '../../../src/comments/data-files.ts';
import { commentText, convertComments } from '../../../src/import/wordpress/comments.ts';
import type { WxrComment } from '../../../src/import/wordpress/wxr.ts';

const comment = (id: string, overrides: Partial<WxrComment> = {}): WxrComment => ({
  id,
  author: `Reader ${id}`,
  authorEmail: 'r@example.org',
  authorUrl: '',
  date: '2022-08-08 12:00:00',
  dateGmt: `2022-08-08 12:0${id.at(-1)}:00`,
  content: `Comment ${id}`,
  approved: '1',
  type: 'comment',
  parent: '0',
  ...overrides,
});

describe('WordPress comments as comment data files', () => {
  it('keeps approved comments and hangs every reply under the comment that started its thread', () => {
    const { files, skipped } = convertComments('story', [
      comment('1'),
      comment('2', { parent: '1' }),
      comment('3', { parent: '2' }),
      comment('4', { approved: '0' }),
      comment('5', { approved: 'spam' }),
      comment('6', { type: 'pingback' }),
      comment('7', { type: 'trackback' }),
      comment('8', { approved: 'trash' }),
    ]);
    expect(skipped).toEqual({ pending: 1, spam: 1, pingback: 1, trackback: 1, trashed: 1 });
    expect(files.map((f) => f.path)).toEqual([
      'comments/story/wp-1.yml',
      'comments/story/wp-2.yml',
      'comments/story/wp-3.yml',
    ]);
    const records = files.map((f, index) => normaliseComment(parse(f.content), 'story', `fallback-${index}`));
    expect(records.map((r) => typeof r === 'object' && [r.id, r.parent])).toEqual([
      ['wp-1', null],
      ['wp-2', 'wp-1'],
      ['wp-3', 'wp-1'],
    ]);
    expect(records[0]).toMatchObject({ article: 'story', name: 'Reader 1', createdAt: '2022-08-08T12:01:00.000Z' });
  });

  it('starts a thread with a reply whose parent is not published', () => {
    const { files } = convertComments('story', [comment('1', { approved: '0' }), comment('2', { parent: '1' })]);
    expect(parse(files[0]!.content)).toMatchObject({ id: 'wp-2', parent: null });
  });

  it('skips the comments of pages, which show none', () => {
    expect(convertComments(null, [comment('1')]).skipped).toEqual({ 'not on an article': 1 });
  });

  it('reads the comment’s HTML as the plain text the site shows, link addresses included', () => {
    expect(
      commentText('First <em>line</em>\nsecond line.\n\n<a href="https://example.net/x">a link</a> &amp; more'),
    ).toBe('First line\nsecond line.\n\na link (https://example.net/x) & more');
    expect(commentText('<p>One</p><p>Two</p>')).toBe('One\n\nTwo');
  });
});
