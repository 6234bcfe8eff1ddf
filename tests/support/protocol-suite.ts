import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commentPost, loopbackAddress, siteOrigin, type TestService, type TestServiceFactory } from './comment-app.ts';
import { postSignIn } from './admin-session.ts';
import { seed } from './seed.ts';

const article = 'russia-reaffirms-deepening-ties-with-myanmar';
const articleUrl = `${siteOrigin}/articles/${article}/`;
const valid = {
  article,
  comment: 'A first comment.\n\nWith two paragraphs.',
  name: 'Ana',
  email: 'ana@example.org',
  website: 'https://ana.example.org/',
};

/**
 * The protocol as readers' browsers, the build and moderators meet it: the same cases and
 * expectations for every way the service runs (tests/unit/comments/protocol.test.ts: Node with
 * SQLite; tests/e2e/comments/worker.test.ts: a Worker with D1 in workerd;
 * tests/e2e/comments/postgres.test.ts: Node with PostgreSQL).
 */
export function protocolSuite(start: TestServiceFactory): void {
  let service: TestService;
  beforeAll(async () => {
    service = await start({ COMMENTS_RATE_LIMIT: '1000' });
  });
  afterAll(async () => {
    await service?.close();
  });

  /** Runs `use` with a service of these settings, closed afterwards. */
  async function withService(env: Record<string, string>, use: (service: TestService) => Promise<void>): Promise<void> {
    const started = await start(env);
    try {
      await use(started);
    } finally {
      await started.close();
    }
  }

  describe('POST /comments', () => {
    it('accepts a valid comment with 201 and keeps it pending under pre-moderation', async () => {
      const response = await service.postComment(valid);
      expect(response.status).toBe(201);
      const body = await response.json();
      expect(body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), status: 'pending' });
      expect(response.headers.get('access-control-allow-origin')).toBe(siteOrigin);
    });

    it('accepts JSON bodies too', async () => {
      const response = await service.request('/comments', {
        method: 'POST',
        headers: { Origin: siteOrigin, Accept: 'application/json', 'Content-Type': 'application/json' },
        body: JSON.stringify({ article, comment: 'json', name: 'Jo' }),
      });
      expect(response.status).toBe(201);
    });

    it("answers each validation error with the form's messages, field by field", async () => {
      const response = await service.postComment({
        article,
        comment: '  ',
        name: '',
        email: 'not-an-email',
        website: 'javascript:alert(1)',
      });
      expect(response.status).toBe(422);
      const body = await response.json();
      expect(body.fields.comment).toBe(seed.formMessages[0]);
      expect(body.fields.name).toBe(seed.formMessages[1]);
      expect(body.fields.email).toMatch(/valid email/);
      expect(body.fields.website).toMatch(/valid website/);
      expect(Object.keys(body.fields).sort()).toEqual(['comment', 'email', 'name', 'website']);
    });

    it('refuses over-long fields and a missing article', async () => {
      const response = await service.postComment({ article: '', comment: 'x'.repeat(5001), name: 'n'.repeat(101) });
      const body = await response.json();
      expect(response.status).toBe(422);
      expect(Object.keys(body.fields).sort()).toEqual(['article', 'comment', 'name']);
      const atLimit = await service.postComment({ article, comment: 'x'.repeat(5000), name: 'n'.repeat(100) });
      expect(atLimit.status).toBe(201);
    });

    it('answers a filled honeypot as accepted and stores nothing', async () => {
      const before = (await (await service.admin('GET', '/admin/export')).json()).comments.length;
      const response = await service.postComment({ ...valid, hp: 'http://spam.example' });
      expect(response.status).toBe(201);
      expect((await response.json()).status).toBe('pending');
      const after = (await (await service.admin('GET', '/admin/export')).json()).comments.length;
      expect(after).toBe(before);
    });

    it('refuses other origins, a missing origin and a foreign Referer with 403', async () => {
      expect((await service.postComment(valid, { Origin: 'https://evil.example' })).status).toBe(403);
      expect((await service.postComment(valid, { Origin: 'null' })).status).toBe(403);
      const noOrigin = await service.request('/comments', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Referer: 'https://evil.example/page' },
        body: new URLSearchParams(valid),
      });
      expect(noOrigin.status).toBe(403);
      const allowedReferer = await service.request('/comments', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'application/json',
          Referer: articleUrl,
        },
        body: new URLSearchParams(valid),
      });
      expect(allowedReferer.status).toBe(201);
      const crossSite = await service.request('/comments', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'application/json',
          'Sec-Fetch-Site': 'cross-site',
        },
        body: new URLSearchParams(valid),
      });
      expect(crossSite.status).toBe(403);
      const preflight = await service.request('/comments', {
        method: 'OPTIONS',
        headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('refuses bodies over 70 KB with 413 and other content types with 415', async () => {
      const big = await service.postComment({ ...valid, comment: 'x'.repeat(71 * 1024) });
      expect(big.status).toBe(413);
      const multipart = new FormData();
      for (const [key, value] of Object.entries(valid)) multipart.set(key, value);
      const wrongType = await service.request('/comments', {
        method: 'POST',
        headers: { Origin: siteOrigin, Accept: 'application/json' },
        body: multipart,
      });
      expect(wrongType.status).toBe(415);
      expect((await wrongType.json()).error).toMatch(/urlencoded/);
    });

    it('answers a browser form post with 303 back to the article, success and errors alike', async () => {
      const form = (fields: Record<string, string>) =>
        service.request('/comments', {
          method: 'POST',
          headers: { Origin: siteOrigin, 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ ...fields, redirect: articleUrl }),
        });
      const ok = await form(valid);
      expect(ok.status).toBe(303);
      const location = new URL(ok.headers.get('location')!);
      expect(location.origin + location.pathname).toBe(articleUrl);
      expect(location.searchParams.get('comment')).toBe('pending');
      expect(location.hash).toBe('#comments-pending');

      const bad = await form({ article, comment: '', name: '' });
      expect(bad.status).toBe(303);
      const badLocation = new URL(bad.headers.get('location')!);
      expect(badLocation.searchParams.get('comment')).toBe('invalid');
      expect(badLocation.searchParams.get('error.comment')).toBe(seed.formMessages[0]);
      expect(badLocation.searchParams.get('error.name')).toBe(seed.formMessages[1]);

      const elsewhere = await service.request('/comments', {
        method: 'POST',
        headers: { Origin: siteOrigin, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ ...valid, redirect: 'https://evil.example/' }),
      });
      expect(elsewhere.status).toBe(400);
    });
  });

  describe('moderation and listing', () => {
    it('lists only approved comments, oldest first, without private fields; replies join the thread', async () => {
      const other = 'another-article';
      const ids: string[] = [];
      for (const name of ['First', 'Second', 'Third']) {
        const response = await service.postComment({ ...valid, article: other, name });
        ids.push((await response.json()).id);
      }
      const empty = await (await service.request(`/comments?article=${other}`)).json();
      expect(empty).toEqual({ article: other, comments: [], next: null });

      const pending = await (await service.admin('GET', '/admin/comments?status=pending')).json();
      expect(pending.comments.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining(ids));

      expect((await service.admin('POST', `/admin/comments/${ids[2]}/approve`)).status).toBe(200);
      expect((await service.admin('POST', `/admin/comments/${ids[0]}/approve`)).status).toBe(200);
      expect((await service.admin('POST', `/admin/comments/${ids[1]}/spam`)).status).toBe(200);
      expect((await service.admin('POST', `/admin/comments/nope/approve`)).status).toBe(404);

      const reply = await service.postComment({ ...valid, article: other, name: 'Replier', parent: ids[0]! });
      expect(reply.status).toBe(201);
      const replyId = (await reply.json()).id;
      const replyToReply = await service.postComment({ ...valid, article: other, name: 'Deep', parent: replyId });
      expect(replyToReply.status).toBe(422); // the reply is not approved yet
      await service.admin('POST', `/admin/comments/${replyId}/approve`);
      const nested = await service.postComment({ ...valid, article: other, name: 'Deep', parent: replyId });
      const nestedId = (await nested.json()).id;
      await service.admin('POST', `/admin/comments/${nestedId}/approve`);
      const wrongArticle = await service.postComment({ ...valid, parent: ids[0]! });
      expect((await wrongArticle.json()).fields).toEqual({ parent: expect.stringMatching(/replying to/) });

      const response = await service.request(`/comments?article=${other}`);
      expect(response.headers.get('etag')).toBeTruthy();
      expect(response.headers.get('cache-control')).toMatch(/max-age/);
      const text = await response.text();
      expect(text).not.toContain('ana@example.org');
      expect(text).not.toMatch(/ip|email|status/i);
      const listed = JSON.parse(text);
      expect(listed.comments.map((c: { name: string }) => c.name)).toEqual(['First', 'Third', 'Replier', 'Deep']);
      expect(listed.comments[2].parent).toBe(ids[0]);
      expect(listed.comments[3].parent).toBe(ids[0]); // one level: joined the top comment's thread
      expect(Object.keys(listed.comments[0]).sort()).toEqual([
        'article',
        'comment',
        'createdAt',
        'id',
        'name',
        'parent',
        'website',
      ]);

      const revalidated = await service.request(`/comments?article=${other}`, {
        headers: { 'If-None-Match': response.headers.get('etag')! },
      });
      expect(revalidated.status).toBe(304);
      const fromSite = await service.request(`/comments?article=${other}`, {
        headers: { Origin: siteOrigin, 'If-None-Match': response.headers.get('etag')! },
      });
      expect(fromSite.status).toBe(304);
      expect(fromSite.headers.get('access-control-allow-origin')).toBe(siteOrigin);
      expect(fromSite.headers.get('vary')).toMatch(/Origin/);
    });

    it('pages through every approved comment for the build', async () => {
      const first = await (await service.request(`/comments?limit=2`)).json();
      expect(first.article).toBeNull();
      expect(first.comments).toHaveLength(2);
      expect(first.next).toEqual(expect.any(String));
      const all = [...first.comments];
      let next = first.next;
      while (next) {
        const page = await (await service.request(`/comments?limit=2&cursor=${next}`)).json();
        all.push(...page.comments);
        next = page.next;
      }
      expect(all.length).toBeGreaterThanOrEqual(4);
      expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
      expect((await service.request(`/comments?limit=0`)).status).toBe(400);
    });

    it('requires the admin token, deletes comments and erases an email address', async () => {
      expect((await service.request(`/admin/comments`)).status).toBe(401);
      const wrong = await service.request(`/admin/export`, {
        headers: { Authorization: 'Bearer wrong-token-wrong-token' },
      });
      expect(wrong.status).toBe(401);
      const id = (await (await service.postComment({ ...valid, email: 'erase@example.org' })).json()).id;
      await service.postComment({ ...valid, email: 'ERASE@example.org' });
      expect((await service.admin('DELETE', `/admin/comments/${id}`)).status).toBe(200);
      expect((await service.admin('DELETE', `/admin/comments/${id}`)).status).toBe(404);
      const erased = await (await service.admin('DELETE', '/admin/comments?email=erase@example.org')).json();
      expect(erased).toEqual({ deleted: 1 });
      const exported = await (await service.admin('GET', '/admin/export')).json();
      expect(JSON.stringify(exported)).not.toMatch(/erase@example/i);
    });

    it('stores the client address only as a keyed hash and every field parameterised', async () => {
      const hashes = await service.storedAddressHashes();
      expect(hashes.length).toBeGreaterThan(0);
      for (const hash of hashes) {
        expect(hash).toMatch(/^[0-9a-f]{64}$/);
        expect(hash).not.toContain(loopbackAddress);
      }
    });
  });

  describe('limits', () => {
    it('rate-limits a client to 5 comments a minute by default, with Retry-After', async () => {
      await withService({}, async (limited) => {
        const statuses: number[] = [];
        for (let i = 0; i < 6; i++) statuses.push((await limited.postComment(valid)).status);
        expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
        const response = await limited.postComment(valid);
        expect(response.status).toBe(429);
        expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
        // The limit is per client: another address may still post.
        const other = await limited.request('/comments', commentPost(valid), '198.51.100.7');
        expect(other.status).toBe(201);
      });
    });

    it('counts only stored comments, per network (IPv4 /24, IPv6 /48): invalid posts and bots do not lock a reader out', async () => {
      await withService({ COMMENTS_RATE_LIMIT: '2' }, async (limited) => {
        for (let i = 0; i < 6; i++) expect((await limited.postComment({ ...valid, name: '' })).status).toBe(422);
        expect((await limited.postComment({ ...valid, hp: 'bot' })).status).toBe(201);
        expect((await limited.postComment(valid)).status).toBe(201);
        expect((await limited.postComment(valid)).status).toBe(201);
        expect((await limited.postComment(valid)).status).toBe(429);
        expect((await limited.request('/comments', commentPost(valid), '127.0.0.99')).status).toBe(429);
        expect((await limited.request('/comments', commentPost(valid), '2001:db8:1:2::1')).status).toBe(201);
        expect((await limited.request('/comments', commentPost(valid), '2001:db8:1:3::7')).status).toBe(201);
        expect((await limited.request('/comments', commentPost(valid), '2001:db8:1:4::9')).status).toBe(429);
      });
    });

    it('trusts X-Forwarded-For only from the configured proxies', async () => {
      await withService({ COMMENTS_RATE_LIMIT: '1' }, async (direct) => {
        expect((await direct.postComment(valid, { 'X-Forwarded-For': '203.0.113.1' })).status).toBe(201);
        expect((await direct.postComment(valid, { 'X-Forwarded-For': '203.0.113.2' })).status).toBe(429);
      });
      await withService(
        { COMMENTS_RATE_LIMIT: '1', COMMENTS_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' },
        async (proxied) => {
          expect((await proxied.postComment(valid, { 'X-Forwarded-For': '203.0.113.1' })).status).toBe(201);
          expect((await proxied.postComment(valid, { 'X-Forwarded-For': '198.51.100.2, 10.1.2.3' })).status).toBe(201);
          expect((await proxied.postComment(valid, { 'X-Forwarded-For': '198.51.100.2' })).status).toBe(429);
          // A peer that is not a listed proxy is counted as itself, whatever it forwards.
          const rotate = (hop: string) =>
            proxied.request('/comments', commentPost(valid, { 'X-Forwarded-For': hop }), '192.0.2.9');
          expect((await rotate('203.0.113.50')).status).toBe(201);
          expect((await rotate('203.0.113.51')).status).toBe(429);
        },
      );
    });

    it('publishes at once with COMMENTS_MODERATION=off', async () => {
      await withService({ COMMENTS_MODERATION: 'off' }, async (open) => {
        const body = await (await open.postComment(valid)).json();
        expect(body.status).toBe('approved');
        const listed = await (await open.request(`/comments?article=${article}`)).json();
        expect(listed.comments.map((c: { id: string }) => c.id)).toEqual([body.id]);
      });
    });

    it('answers /health', async () => {
      const response = await service.request('/health');
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
    });
  });

  // The defects of issue 24, on every runtime and store.
  describe('what concurrency, careless proxies and odd input cannot do', () => {
    it('compares at most 10 of 60 concurrent wrong sign-ins from one client', async () => {
      const answers = await Promise.all(
        Array.from({ length: 60 }, () => postSignIn(service.request, 'wrong-token-0123456789', {}, '198.51.100.77')),
      );
      const outcome = (response: Response) => response.headers.get('location');
      const compared = answers.filter((response) => outcome(response) === '/admin/?signin=wrong').length;
      const refused = answers.filter((response) => outcome(response) === '/admin/?signin=wait').length;
      expect(compared + refused).toBe(60);
      expect(compared).toBeLessThanOrEqual(10);
    });

    it("pages one article's thread with a cursor, within the listing's limits", async () => {
      await withService({ COMMENTS_MODERATION: 'off' }, async (open) => {
        const ids = [];
        for (let i = 0; i < 3; i++)
          ids.push((await (await open.postComment({ ...valid, comment: `Page ${i}` })).json()).id);
        const first = await (await open.request(`/comments?article=${article}&limit=2`)).json();
        expect([first.comments.map((c: { id: string }) => c.id), typeof first.next]).toEqual([
          ids.slice(0, 2),
          'string',
        ]);
        const second = await (await open.request(`/comments?article=${article}&limit=2&cursor=${first.next}`)).json();
        expect([second.comments.map((c: { id: string }) => c.id), second.next]).toEqual([ids.slice(2), null]);
        expect((await open.request(`/comments?article=${article}&limit=100000`)).status).toBe(400);
      });
    });

    it('stores a lone surrogate as one U+FFFD, within the field limits', async () => {
      await withService({ COMMENTS_MODERATION: 'off' }, async (open) => {
        const posted = await open.request('/comments', {
          method: 'POST',
          headers: { Origin: siteOrigin, Accept: 'application/json', 'Content-Type': 'application/json' },
          body: JSON.stringify({ ...valid, comment: `a\uD800b${'x'.repeat(4997)}` }),
        });
        expect(posted.status).toBe(201);
        const [stored] = (await (await open.request(`/comments?article=${article}`)).json()).comments;
        expect(stored.comment.slice(0, 3)).toBe('a\uFFFDb');
        expect([...stored.comment]).toHaveLength(5000);
      });
    });

    it('ignores X-Forwarded-For values that are not addresses, behind a trusted proxy', async () => {
      await withService({ COMMENTS_RATE_LIMIT: '1', COMMENTS_TRUST_PROXY: loopbackAddress }, async (proxied) => {
        // Made-up values are no clients of their own: the proxy's own address is counted for all of them.
        expect((await proxied.postComment(valid, { 'X-Forwarded-For': 'unknown' })).status).toBe(201);
        for (const hop of ['not-an-address', '999.1.1.1', 'bogus, unknown'])
          expect((await proxied.postComment(valid, { 'X-Forwarded-For': hop })).status).toBe(429);
        // A real address behind the junk still counts as itself.
        expect((await proxied.postComment(valid, { 'X-Forwarded-For': '203.0.113.7, bogus' })).status).toBe(201);
      });
    });

    it('refuses a 20,000-character query string and 100 KB of headers with 431', async () => {
      expect((await service.request(`/comments?article=${article}&pad=${'a'.repeat(20_000)}`)).status).toBe(431);
      expect((await service.request('/health', { headers: { 'X-Padding': 'a'.repeat(100_000) } })).status).toBe(431);
      expect((await service.request(`/comments?article=${article}&pad=${'a'.repeat(2_000)}`)).status).toBe(200);
    });
  });
}
