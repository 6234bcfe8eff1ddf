import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { fieldMessages } from '../../../src/comments/messages.ts';
import { clientAddressOf, parseProxyRange, type ProxyRange } from '../../../src/comment-service/http/client-address.ts';
import { parseServiceConfig } from '../../../src/comment-service/settings.ts';
import { validateComment } from '../../../src/comments/validation.ts';
import { withInProcessService, siteOrigin, type InProcessService } from '../../support/comment-app.ts';

const article = 'abuse-article';

/** Rate limits would only get in the way here; the limiter has its own tests. */
const withService = (env: Record<string, string>, use: (service: InProcessService) => Promise<void>) =>
  withInProcessService({ COMMENTS_RATE_LIMIT: '0', ...env }, use);

const storedCount = (db: string) => {
  const connection = new DatabaseSync(db, { readOnly: true });
  try {
    return Number((connection.prepare('SELECT count(*) AS n FROM comments').get() as { n: number }).n);
  } finally {
    connection.close();
  }
};

describe('idempotency', () => {
  it('stores a comment once however often it is retried with the same key, and answers alike', async () => {
    await withService({}, async (service) => {
      const fields = { article, comment: 'Sent on a shaky train.', name: 'Ravi', key: 'a1b2c3d4e5f6a7b8c9d0' };
      const first = await (await service.postComment(fields)).json();
      const retry = await service.postComment(fields);
      expect(retry.status).toBe(201);
      expect(await retry.json()).toEqual(first);
      const form = await service.request('/comments', {
        method: 'POST',
        headers: { Origin: siteOrigin, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ ...fields, redirect: `${siteOrigin}/articles/${article}/` }),
      });
      expect(new URL(form.headers.get('location')!).searchParams.get('id')).toBe(first.id);
      expect(storedCount(service.db)).toBe(1);
      await service.postComment({ ...fields, key: 'another-key-0123456789' });
      await service.postComment({ ...fields, key: '' });
      expect(storedCount(service.db)).toBe(3);
    });
  });
});

describe('client address behind proxies', () => {
  const proxies = ['10.0.0.0/8', '2001:db8::1'].map((range) => parseProxyRange(range)!) satisfies ProxyRange[];
  it.each([
    ['a listed proxy, IPv4-mapped', '::ffff:10.1.2.3', '198.51.100.4', '198.51.100.4'],
    ['a chain of listed proxies', '10.0.0.1', '198.51.100.4, 10.9.9.9, 10.0.0.2', '198.51.100.4'],
    ['a forged entry left of the client', '10.0.0.1', '1.2.3.4, 198.51.100.4', '198.51.100.4'],
    ['an IPv6 proxy', '2001:db8::1', '2001:db8:5::7', '2001:db8:5::7'],
    ['a peer that is not listed', '203.0.113.9', '198.51.100.4', '203.0.113.9'],
    ['a listed proxy without the header', '10.0.0.1', undefined, '10.0.0.1'],
  ])('counts %s', (_case, peer, forwarded, expected) => {
    expect(clientAddressOf(peer, forwarded, proxies)).toBe(expected);
  });
});

describe('body size', () => {
  const wide = {
    cjk: '漢',
    cyrillic: 'ж',
    'astral CJK': '𠀀',
    emoji: '😀',
  };
  it.each(Object.entries(wide))(
    'accepts a 5,000-character comment and 100-character name in %s, urlencoded and as JSON',
    async (_script, character) => {
      await withService({}, async (service) => {
        const fields = { article, comment: character.repeat(5000), name: character.repeat(100) };
        expect((await service.postComment(fields)).status).toBe(201);
        const json = await service.request('/comments', {
          method: 'POST',
          headers: { Origin: siteOrigin, Accept: 'application/json', 'Content-Type': 'application/json' },
          body: JSON.stringify(fields).replace(
            // eslint-disable-next-line no-control-regex -- every character outside ASCII, escaped
            /[^\x00-\x7f]/g,
            (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
          ),
        });
        expect(json.status).toBe(201);
        const tooLong = await service.postComment({ ...fields, comment: character.repeat(5001) });
        expect(tooLong.status).toBe(422);
        expect((await tooLong.json()).fields).toEqual({ comment: fieldMessages.commentTooLong });
      });
    },
  );
});

describe('invisible text', () => {
  const blanks = {
    'zero-width spaces': '\u200B\u200B\u200B',
    'Hangul filler': '\u3164\u3164',
    'half-width Hangul filler': '\uFFA0',
    'braille blank': '\u2800\u2800',
    'tag characters': '\u{E0041}\u{E0042}',
    'lone combining marks': '\u0301\u0308',
    'word joiner and soft hyphen': '\u2060\u00AD',
    'bidi overrides': '\u202E\u202D',
  };
  it.each(Object.entries(blanks))('refuses a name and a comment made only of %s', (_kind, text) => {
    const result = validateComment({ article, comment: text, name: ` ${text} ` });
    expect(result).toEqual({ ok: false, fields: { comment: fieldMessages.comment, name: fieldMessages.name } });
  });

  it('keeps text that has visible characters among the marks, and strips bidi controls from names', () => {
    const result = validateComment({ article, comment: 'नमस्ते \u200D🙂', name: '\u202EAnn\u202C \u2066Lee\u2069' });
    expect(result).toMatchObject({ ok: true, value: { comment: 'नमस्ते \u200D🙂', name: 'Ann Lee' } });
  });
});

describe('honeypot', () => {
  it.each([
    ['null', null],
    ['false', false],
    ['0', 0],
    ['an empty string', ''],
  ])('does not take %s in the honeypot for a bot', async (_label, hp) => {
    await withService({}, async (service) => {
      const response = await service.request('/comments', {
        method: 'POST',
        headers: { Origin: siteOrigin, Accept: 'application/json', 'Content-Type': 'application/json' },
        body: JSON.stringify({ article, comment: 'Real person.', name: 'Ida', hp }),
      });
      expect(response.status).toBe(201);
      expect(storedCount(service.db)).toBe(1);
    });
  });

  it('still takes a filled-in honeypot for a bot', async () => {
    await withService({}, async (service) => {
      expect(
        (await service.postComment({ article, comment: 'Buy now', name: 'Bot', hp: 'http://spam.example' })).status,
      ).toBe(201);
      expect(storedCount(service.db)).toBe(0);
    });
  });
});

describe('admin token', () => {
  it.each(['0123456789abcdef,ghij', 'token"with"quotes-0123', 'tøken-with-unicode-0123', 'abc=def-0123456789'])(
    'refuses %j, which a bearer header cannot carry',
    (token) => {
      expect(() => parseServiceConfig({ COMMENTS_ADMIN_TOKEN: token })).toThrow(/COMMENTS_ADMIN_TOKEN/);
    },
  );

  it('accepts every token the bearer scheme can carry, and such a token works', async () => {
    const token = 'Abc-123._~+/xyz0123==';
    expect(parseServiceConfig({ COMMENTS_ADMIN_TOKEN: token }).adminToken).toBe(token);
    await withService({ COMMENTS_ADMIN_TOKEN: token }, async (service) => {
      const response = await service.request('/admin/comments', { headers: { Authorization: `Bearer ${token}` } });
      expect(response.status).toBe(200);
    });
  });
});
