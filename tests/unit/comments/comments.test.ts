import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/utils/config-error.ts';
import { normaliseComment, recordsOf } from '../../../src/comments/data-files.ts';
import { parseServiceConfig } from '../../../src/comment-service/settings.ts';
import { paragraphs, safeWebsite, threads } from '../../../src/comments/thread.ts';
import { validateComment } from '../../../src/comments/validation.ts';
import { seed } from '../../support/seed.ts';

describe('validateComment', () => {
  it("uses the seed page's form messages for a missing comment and name", () => {
    const result = validateComment({ article: 'a', comment: ' \n ', name: '' });
    expect(result).toEqual({ ok: false, fields: { comment: seed.formMessages[0], name: seed.formMessages[1] } });
  });

  it('cleans text: NFC, newlines, control characters, surrounding space', () => {
    const result = validateComment({ article: 'a', comment: ' e\u0301\r\nb\u0000 ', name: ' Ann \n Lee ' });
    expect(result).toEqual({
      ok: true,
      value: {
        article: 'a',
        comment: 'é\nb',
        name: 'Ann Lee',
        email: null,
        website: null,
        parent: null,
        notify: false,
      },
    });
  });

  it.each([
    ['email', 'no-at-sign'],
    ['email', 'a@b'],
    ['email', `${'a'.repeat(250)}@b.co`],
    ['website', 'example.com'],
    ['website', 'javascript:alert(1)'],
    ['website', `https://e.com/${'a'.repeat(200)}`],
    ['parent', '<x>'],
    ['article', '../x'],
    ['name', 42],
  ])('rejects %s %j', (field, value) => {
    const result = validateComment({ article: 'a', comment: 'c', name: 'n', [field]: value });
    expect(result.ok).toBe(false);
    expect(Object.keys(result.ok ? {} : result.fields)).toEqual([field]);
  });
});

describe('configuration', () => {
  it('has typed defaults', () => {
    const config = parseServiceConfig({});
    expect(config).toMatchObject({
      port: 8787,
      db: './data/comments.db',
      moderation: 'pre',
      rateLimit: 5,
      trustProxy: [],
      adminToken: null,
    });
  });

  it('names the variable when a value is wrong', () => {
    expect(() => parseServiceConfig({ COMMENTS_PORT: '99999' })).toThrow(ConfigError);
    expect(() => parseServiceConfig({ COMMENTS_ALLOWED_ORIGINS: 'https://ok.example, ftp://x' })).toThrow(
      /COMMENTS_ALLOWED_ORIGINS/,
    );
    // A count of proxies let any peer choose its address: the setting lists the proxies themselves.
    expect(() => parseServiceConfig({ COMMENTS_TRUST_PROXY: '1' })).toThrow(/COMMENTS_TRUST_PROXY/);
    expect(
      parseServiceConfig({ COMMENTS_ALLOWED_ORIGINS: 'https://a.example/, https://b.example' }).allowedOrigins,
    ).toEqual(['https://a.example', 'https://b.example']);
  });
});

describe('threads and text', () => {
  const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));
  it('nests replies one level and promotes orphans', () => {
    const list = threads([
      { id: 'r', parent: 't', name: '', website: null, comment: '', createdAt: at(2) },
      { id: 't', parent: null, name: '', website: null, comment: '', createdAt: at(1) },
      { id: 'o', parent: 'gone', name: '', website: null, comment: '', createdAt: at(3) },
    ]);
    expect(list.map((t) => [t.comment.id, t.replies.map((r) => r.id)])).toEqual([
      ['t', ['r']],
      ['o', []],
    ]);
  });

  it('keeps paragraphs and lines, and only http(s) links', () => {
    expect(paragraphs('a\nb\n\n\n c ')).toEqual([['a', 'b'], ['c']]);
    expect(safeWebsite('javascript:alert(1)')).toBeNull();
    expect(safeWebsite('https://x.example')).toBe('https://x.example/');
  });
});

describe('data files', () => {
  it('reads Staticman files and service exports', () => {
    expect(
      normaliseComment({ _id: 'abc', name: 'N', message: 'M', url: 'https://n.example', date: 1700000000 }, 'art', 'f'),
    ).toEqual({
      id: 'abc',
      article: 'art',
      parent: null,
      name: 'N',
      website: 'https://n.example',
      comment: 'M',
      createdAt: '2023-11-14T22:13:20.000Z',
    });
    expect(normaliseComment({ id: 'x', article: 'a', name: 'N', comment: 'C', createdAt: 'x' }, null, 'f')).toMatch(
      /createdAt/,
    );
    expect(normaliseComment({ status: 'pending', article: 'a' }, null, 'f')).toMatch(/^skipped/);
    expect(recordsOf({ comments: [1, 2] })).toEqual([1, 2]);
  });
});
