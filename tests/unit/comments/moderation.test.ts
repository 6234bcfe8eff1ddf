import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { DatabaseSync } from 'node:sqlite';
import os from 'node:os';
import path from 'node:path';
import { fieldMessages, refusalMessages } from '../../../src/comments/messages.ts';
import { akismetCheck } from '../../../src/comment-service/spam/akismet-check.ts';
import { addressHasher } from '../../../src/comment-service/http/client-address.ts';
import { loadKnownArticles, type KnownArticles } from '../../../src/comment-service/known-articles.ts';
import { createNotifier } from '../../../src/comment-service/mail/notifications.ts';
import { forgetExpired } from '../../../src/comment-service/retention.ts';
import { createSigner } from '../../../src/comment-service/signing.ts';
import {
  adminToken,
  commentPost,
  createInProcessService,
  siteOrigin,
  type InProcessService,
} from '../../support/comment-app.ts';
import { csrfOf, formPost, postSignIn, sessionCookie, signIn, type AdminBrowser } from '../../support/admin-session.ts';

const article = 'russia-reaffirms-deepening-ties-with-myanmar';
const title = 'Russia reaffirms deepening ties with Myanmar';
const other = 'other-story';
const articleUrl = `${siteOrigin}/articles/${article}/`;

let service: InProcessService;
let known: KnownArticles;
let admin: AdminBrowser;

/** A comment as the page's script posts it after the reader took 10 seconds. */
const post = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
  service.postComment({ article, name: 'Reader', elapsed: '10000', ...fields }, headers);

/** A form post without JavaScript: urlencoded, no Accept JSON, back to the article. */
const formPostComment = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
  service.request(
    '/comments',
    formPost({ article, name: 'Reader', redirect: articleUrl, ...fields }, { Origin: siteOrigin, ...headers }),
  );

const idsIn = (html: string) => [...html.matchAll(/name="id" value="([^"]+)"/g)].map((match) => match[1]!);

beforeAll(async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'moderation-articles-'));
  const list = path.join(dir, 'comment-articles.json');
  await writeFile(
    list,
    JSON.stringify({ articles: [article, other], titles: { [article]: title, [other]: 'Other story' } }),
  );
  known = await loadKnownArticles(list, () => undefined);
  service = await createInProcessService(
    { COMMENTS_RATE_LIMIT: '0', COMMENTS_SITE_URL: `${siteOrigin}/`, COMMENTS_DUPLICATE_HOURS: '24' },
    { knownArticles: known },
  );
  admin = await signIn(service.request);
});
afterAll(async () => {
  known?.stop();
  await service?.close();
});

describe('signing in to the moderation page', () => {
  it('shows a sign-in form with a strict CSP, and no queue, without a session', async () => {
    const response = await service.request('/admin/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toMatch(
      /default-src 'none'.*form-action 'self'.*frame-ancestors 'none'/,
    );
    expect(response.headers.get('cache-control')).toBe('no-store');
    const html = await response.text();
    expect(html).toMatch(/<input id="token" name="token" type="password"/);
    expect(html).not.toMatch(/Approve selected/);
  });

  it('sets an HttpOnly, SameSite=Strict, expiring cookie; Secure when reached over https', async () => {
    const plain = await postSignIn(service.request, adminToken);
    expect(plain.status).toBe(303);
    expect(plain.headers.get('location')).toBe('/admin/');
    const cookie = sessionCookie(plain)!;
    expect(cookie).toMatch(/^comments_admin=[A-Za-z0-9_-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Max-Age=43200/);
    expect(cookie).toMatch(/Path=\/admin/);
    expect(cookie).not.toMatch(/Secure/);
    const secure = await postSignIn(service.request, adminToken, { 'X-Forwarded-Proto': 'https' });
    expect(sessionCookie(secure)).toMatch(/Secure/);
  });

  it('signs in only from its own sign-in form (login CSRF): the form carries a token tied to a cookie', async () => {
    const forged = await service.request('/admin/login', formPost({ token: adminToken }));
    expect(forged.headers.get('location')).toBe('/admin/?signin=expired');
    expect(sessionCookie(forged)).toBeUndefined();
    const page = await service.request('/admin/');
    const otherCookie = page.headers.getSetCookie()[0]!.split(';')[0]!;
    expect(otherCookie).toMatch(/^comments_signin=/);
    const mismatched = await service.request(
      '/admin/login',
      formPost({ token: adminToken, csrf: 'made-up' }, { Cookie: otherCookie }),
    );
    expect(mismatched.headers.get('location')).toBe('/admin/?signin=expired');
    expect(await (await service.request('/admin/?signin=expired')).text()).toMatch(/sign-in form had expired/);
  });

  it('refuses a wrong token, logs it, and after 10 wrong ones in 15 minutes refuses even the right one', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const peer = '198.51.100.7';
    const wrong = await postSignIn(service.request, 'not-the-token-at-all', {}, peer);
    expect(wrong.status).toBe(303);
    expect(wrong.headers.get('location')).toBe('/admin/?signin=wrong');
    expect(sessionCookie(wrong)).toBeUndefined();
    expect(warn.mock.calls.flat().join('\n')).toMatch(/wrong admin token from sender [0-9a-f]{12} \(1 in 15 minutes\)/);
    const page = await service.request('/admin/?signin=wrong');
    expect(await page.text()).toMatch(/That is not the admin token/);
    // Ten failures from one network, as the store keeps them; the answers to them are slowed down.
    const hash = await addressHasher(service.addressKey)(peer);
    for (let attempt = 0; attempt < 10; attempt++)
      await service.store.countSignInAttempt(
        hash,
        new Date().toISOString(),
        new Date(Date.now() - 60_000).toISOString(),
      );
    const refused = await postSignIn(service.request, adminToken, {}, '198.51.100.200');
    expect(refused.headers.get('location')).toBe('/admin/?signin=wait');
    expect(sessionCookie(refused)).toBeUndefined();
    expect((await service.request('/admin/?signin=wait')).status).toBe(429);
    // Another network still signs in.
    const elsewhere = await postSignIn(service.request, adminToken, {}, '203.0.113.5');
    expect(sessionCookie(elsewhere)).toMatch(/comments_admin=/);
    warn.mockRestore();
  });

  it('lets the session end by signing out, which needs the CSRF token', async () => {
    const session = await signIn(service.request);
    const forged = await service.request('/admin/logout', formPost({ csrf: 'forged' }, { Cookie: session.cookie }));
    expect(forged.status).toBe(403);
    expect((await session.get('/admin/')).status).toBe(200);
    const out = await session.post('/admin/logout', {});
    expect(out.status).toBe(303);
    expect(out.headers.get('set-cookie')).toMatch(/comments_admin=;/);
    expect(await (await session.get('/admin/')).text()).toMatch(/Sign in/);
  });
});

describe('the queue', () => {
  it('lists waiting comments newest first with article title and link, e-mail, website, text and the reply they answer', async () => {
    const parent = await (await post({ comment: 'The parent comment.', name: 'Parent Author' })).json();
    await service.admin('POST', `/admin/comments/${parent.id}/approve`);
    await post({ comment: 'Older waiting comment.', name: 'Older' });
    const reply = await (
      await post({
        comment: 'A reply <b>bold</b> & more.',
        name: 'Replier',
        email: 'replier@example.org',
        website: 'https://replier.example/',
        parent: parent.id,
      })
    ).json();
    const html = await (await admin.get('/admin/')).text();
    expect(idsIn(html)[0]).toBe(reply.id);
    expect(html.indexOf('Replier')).toBeLessThan(html.indexOf('Older'));
    expect(html).toContain(`<a href="${articleUrl}">${title}</a>`);
    expect(html).toContain('<a href="mailto:replier@example.org">replier@example.org</a>');
    expect(html).toContain('https://replier.example/');
    expect(html).toContain('A reply &lt;b&gt;bold&lt;/b&gt; &amp; more.');
    expect(html).toMatch(/In reply to <strong>Parent Author<\/strong>:<\/p><p>The parent comment\./);
  });

  it('approves, rejects and marks as spam one or several at once; a reload after the redirect repeats nothing', async () => {
    const ids = [];
    for (let index = 0; index < 3; index++)
      ids.push((await (await post({ comment: `Bulk ${index}`, article: other })).json()).id);
    const bulk = await admin.post('/admin/act', [
      ['act', 'approve'],
      ['return', `?status=pending&article=${other}`],
      ...ids.map((id): [string, string] => ['id', id]),
    ]);
    expect(bulk.status).toBe(303);
    expect(bulk.headers.get('location')).toBe(`/admin/?status=pending&article=${other}&done=approved&n=3`);
    for (const id of ids) expect((await service.store.get(id))?.status).toBe('approved');
    expect(await (await admin.get(bulk.headers.get('location')!)).text()).toMatch(/3 comments approved\./);
    const one = await admin.post('/admin/act', { act: `spam:${ids[0]}`, return: '?status=approved' });
    expect(one.headers.get('location')).toMatch(/done=spam&n=1/);
    expect((await service.store.get(ids[0]!))?.status).toBe('spam');
    await admin.post('/admin/act', { act: `reject:${ids[1]}` });
    expect((await service.store.get(ids[1]!))?.status).toBe('rejected');
  });

  it('asks before deleting, then deletes', async () => {
    const { id } = await (await post({ comment: 'Delete me' })).json();
    const ask = await admin.post('/admin/act', { act: `delete:${id}`, return: '?status=pending' });
    expect(ask.status).toBe(200);
    const page = await ask.text();
    expect(page).toMatch(/Delete 1 comment\?/);
    expect(await service.store.get(id)).not.toBeNull();
    const done = await admin.post('/admin/act', [
      ['act', 'delete'],
      ['confirm', '1'],
      ['id', id],
      ['csrf', csrfOf(page)],
    ]);
    expect(done.headers.get('location')).toMatch(/done=deleted&n=1/);
    expect(await service.store.get(id)).toBeNull();
  });

  it('refuses actions without the CSRF token of the session, and without a session', async () => {
    const { id } = await (await post({ comment: 'Protected' })).json();
    const noToken = await service.request('/admin/act', formPost({ act: `approve:${id}` }, { Cookie: admin.cookie }));
    expect(noToken.status).toBe(403);
    const otherSession = await signIn(service.request);
    const crossed = await service.request(
      '/admin/act',
      formPost({ act: `approve:${id}`, csrf: otherSession.csrf }, { Cookie: admin.cookie }),
    );
    expect(crossed.status).toBe(403);
    const noSession = await service.request('/admin/act', formPost({ act: `approve:${id}`, csrf: admin.csrf }));
    expect(noSession.headers.get('location')).toBe('/admin/');
    expect((await service.store.get(id))?.status).toBe('pending');
    // The bearer API takes no cookie, the page no bearer token.
    expect((await service.request('/admin/comments', { headers: { Cookie: admin.cookie } })).status).toBe(401);
    expect(await (await service.admin('GET', '/admin/')).text()).toMatch(/Sign in/);
  });

  it('filters by status and article, searches text (LIKE characters taken literally), and pages through thousands', async () => {
    const at = Date.now();
    for (let index = 0; index < 1200; index++) {
      await service.store.insert({
        id: `bulk-${index}`,
        article: 'paging-story',
        parent: null,
        name: `Bulk ${index}`,
        email: null,
        website: null,
        comment: index === 7 ? 'Contains 100%_sure text' : `Comment number ${index}`,
        status: 'pending',
        ipHash: null,
        createdAt: new Date(at + index).toISOString(),
        idempotencyKey: null,
        notify: false,
      });
    }
    const first = await (await admin.get('/admin/?status=pending&article=paging-story')).text();
    expect(first).toContain('1–50 of 1200');
    expect(idsIn(first)[0]).toBe('bulk-1199');
    const last = await (await admin.get('/admin/?status=pending&article=paging-story&page=24')).text();
    expect(last).toContain('1151–1200 of 1200');
    expect(idsIn(last).at(-1)).toBe('bulk-0');
    expect(last).toMatch(/rel="prev"/);
    expect(last).not.toMatch(/rel="next"/);
    const found = await (await admin.get(`/admin/?status=all&q=${encodeURIComponent('100%_')}`)).text();
    expect(idsIn(found)).toEqual(['bulk-7']);
    const approvedOnly = await (await admin.get('/admin/?status=approved&article=paging-story')).text();
    expect(approvedOnly).toContain('No comments match.');
    const selected = await (await admin.get('/admin/?status=pending&article=paging-story&select=all')).text();
    expect(selected.match(/type="checkbox" name="id" value="[^"]+" id="[^"]+" checked/g)).toHaveLength(50);
  });

  it('blocks a sender by e-mail or client hash, whose next comments go to spam, and unblocks', async () => {
    const first = await (await post({ comment: 'From a troll', email: 'Troll@Example.org' })).json();
    await admin.post('/admin/act', { act: `block-email:${first.id}` });
    const next = await post({ comment: 'Troll again', email: 'troll@example.ORG' });
    expect((await next.json()).status).toBe('pending');
    const stored = await service.store.queue({
      status: 'spam',
      article: null,
      search: 'Troll again',
      offset: 0,
      limit: 5,
    });
    expect(stored.items).toHaveLength(1);
    const blocks = await (await admin.get('/admin/blocks')).text();
    expect(blocks).toContain('troll@example.org');
    await admin.post('/admin/blocks/remove', { kind: 'email', value: 'troll@example.org' });
    expect(await service.store.isBlocked('troll@example.org', null)).toBe(false);

    const fromNetwork = await (
      await service.postComment({ article, name: 'N', comment: 'net 1', elapsed: '9000' })
    ).json();
    await admin.post('/admin/act', { act: `block-client:${fromNetwork.id}` });
    const again = await service.request(
      '/comments',
      commentPost({ article, name: 'N', comment: 'net 2' }),
      '127.0.0.99',
    );
    expect(again.status).toBe(201);
    expect(
      (await service.store.queue({ status: 'spam', article: null, search: 'net 2', offset: 0, limit: 5 })).items,
    ).toHaveLength(1);
    const manual = await admin.post('/admin/blocks', { email: 'someone@example.net' });
    expect(manual.headers.get('location')).toBe('/admin/blocks?done=blocked');
    expect(await service.store.isBlocked('SOMEONE@example.net', null)).toBe(true);
  });

  it('answers hostile input to every new route with 4xx or a redirect, never 5xx', async () => {
    const nasty = [
      '',
      "' OR 1=1 --",
      '<script>alert(1)</script>',
      '%',
      '\u0000',
      'a'.repeat(5000),
      '../../etc/passwd',
      'approve:',
      'delete:x:y',
      '__proto__',
    ];
    const requests: [string, RequestInit | undefined][] = [];
    for (const value of nasty) {
      const q = encodeURIComponent(value);
      requests.push([
        `/admin/?status=${q}&article=${q}&q=${q}&page=${q}&done=${q}&n=${q}&signin=${q}`,
        { headers: { Cookie: admin.cookie } },
      ]);
      requests.push([
        '/admin/act',
        formPost({ csrf: admin.csrf, act: value, id: value, return: value, confirm: value }, { Cookie: admin.cookie }),
      ]);
      requests.push([
        '/admin/act',
        formPost({ csrf: value, act: 'approve', id: value }, { Cookie: `comments_admin=${q}` }),
      ]);
      requests.push(['/admin/login', formPost({ token: value, csrf: value }, { Cookie: `comments_signin=${q}` })]);
      requests.push(['/admin/blocks', formPost({ csrf: admin.csrf, email: value }, { Cookie: admin.cookie })]);
      requests.push([
        '/admin/blocks/remove',
        formPost({ csrf: admin.csrf, kind: value, value }, { Cookie: admin.cookie }),
      ]);
      requests.push([`/mail/moderate?token=${q}`, undefined]);
      requests.push(['/mail/moderate', formPost({ token: value })]);
      requests.push([`/mail/unsubscribe?token=${q}`, undefined]);
      requests.push([`/mail/unsubscribe?token=${q}`, formPost({ 'List-Unsubscribe': 'One-Click' })]);
      requests.push([
        '/admin/act',
        {
          method: 'POST',
          headers: { Cookie: admin.cookie, 'Content-Type': 'application/json' },
          body: JSON.stringify({ csrf: admin.csrf, act: value }),
        },
      ]);
    }
    requests.push([
      '/admin/act',
      formPost({ csrf: admin.csrf, act: 'approve', id: 'x'.repeat(300_000) }, { Cookie: admin.cookie }),
    ]);
    requests.push(['/mail/moderate', formPost({ token: 'x'.repeat(300_000) })]);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    for (const [index, [pathname, init]] of requests.entries()) {
      // Each from its own network, so that the sign-in throttle does not slow the test down.
      const response = await service.request(pathname, init, `10.${index % 250}.${Math.floor(index / 250)}.1`);
      expect(response.status, `${init?.method ?? 'GET'} ${pathname.slice(0, 80)}`).toBeLessThan(500);
    }
    warn.mockRestore();
  }, 60_000);
});

describe('spam defence', () => {
  it('refuses the same text on the same article as a duplicate, stored once; other articles and retries are not duplicates', async () => {
    const text = 'Exactly this text, twice.';
    const key = 'retry-key-0123456789abcdef';
    const first = await post({ comment: text, key });
    expect(first.status).toBe(201);
    const retry = await post({ comment: text, key });
    expect(await retry.json()).toEqual(await first.json());
    const second = await post({ comment: text, name: 'Someone else' });
    expect(second.status).toBe(422);
    expect((await second.json()).fields).toEqual({ comment: refusalMessages.duplicate });
    const form = await formPostComment({ comment: text });
    expect(form.status).toBe(303);
    expect(form.headers.get('location')).toMatch(/comment=duplicate#comments-duplicate$/);
    expect((await post({ comment: text, article: other })).status).toBe(201);
    expect((await service.store.queue({ status: 'all', article, search: text, offset: 0, limit: 10 })).total).toBe(1);
  });

  it('refuses a comment with more links than COMMENTS_MAX_LINKS (2) with a clear message', async () => {
    const three = await post({ comment: 'See https://a.example and http://b.example and www.c.example' });
    expect(three.status).toBe(422);
    expect((await three.json()).fields.comment).toBe(refusalMessages.toomanylinks);
    expect((await post({ comment: 'Two: https://a.example and https://b.example' })).status).toBe(201);
    const form = await formPostComment({ comment: 'https://1.example https://2.example https://3.example' });
    expect(form.headers.get('location')).toMatch(/comment=toomanylinks#comments-toomanylinks$/);
  });

  it('refuses a post sooner after the page loaded than COMMENTS_MIN_SUBMIT_SECONDS, in WordPress’s words', async () => {
    const quick = await post({ comment: 'Posted by a bot in 300 ms', elapsed: '300' });
    expect(quick.status).toBe(429);
    expect((await quick.json()).error).toBe(refusalMessages.toofast);
    expect((await post({ comment: 'Not a number', elapsed: 'soon' })).status).toBe(429);
    const form = await formPostComment({ comment: 'Quick form', elapsed: '10' });
    expect(form.headers.get('location')).toMatch(/comment=toofast#comments-toofast$/);
    expect((await post({ comment: 'A person took their time', elapsed: '45000' })).status).toBe(201);
  });

  it('keeps "notify me of replies" only with an e-mail address', async () => {
    const without = await post({ comment: 'Tell me', notify: 'on' });
    expect((await without.json()).fields).toEqual({ email: fieldMessages.notifyNeedsEmail });
    const withEmail = await (await post({ comment: 'Tell me, here', notify: 'on', email: 'me@example.org' })).json();
    expect((await service.store.queueItem(withEmail.id))?.notify).toBe(true);
  });
});

describe('no dead ends for form posts without JavaScript', () => {
  it('answers 429, 403, 413 and 415 to a form post with a 303 back to the article and its own notice', async () => {
    await (async () => {
      const limited = await createInProcessService({ COMMENTS_RATE_LIMIT: '1' });
      try {
        const form = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
          limited.request(
            '/comments',
            formPost({ article, name: 'Reader', redirect: articleUrl, ...fields }, { Origin: siteOrigin, ...headers }),
          );
        expect((await form({ comment: 'first' })).headers.get('location')).toMatch(/comment=pending/);
        const rate = await form({ comment: 'second' });
        expect(rate.status).toBe(303);
        expect(rate.headers.get('location')).toBe(`${articleUrl}?comment=toofast#comments-toofast`);
        const foreign = await form({ comment: 'x' }, { Origin: 'https://evil.example' });
        expect(foreign.headers.get('location')).toBe(`${articleUrl}?comment=forbidden#comments-forbidden`);
        const large = await form({ comment: 'x'.repeat(80_000) });
        expect(large.status).toBe(303);
        expect(large.headers.get('location')).toBe(`${articleUrl}?comment=toolarge#comments-toolarge`);
        const data = new FormData();
        data.set('article', article);
        data.set('redirect', articleUrl);
        data.set('comment', 'multipart');
        const multipart = await limited.request('/comments', {
          method: 'POST',
          headers: { Origin: siteOrigin },
          body: data,
        });
        expect(multipart.headers.get('location')).toBe(`${articleUrl}?comment=unsupported#comments-unsupported`);
        // The script (Accept JSON) still gets the status codes.
        const json = await limited.request('/comments', {
          method: 'POST',
          headers: { Origin: siteOrigin, Accept: 'application/json' },
          body: data,
        });
        expect(json.status).toBe(415);
      } finally {
        await limited.close();
      }
    })();
  });

  it('holds a form post for moderation under COMMENTS_MODERATION=off unless a person plainly sent it', async () => {
    const open = await createInProcessService({ COMMENTS_MODERATION: 'off' });
    try {
      const form = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
        open.request(
          '/comments',
          formPost({ article, name: 'Reader', redirect: articleUrl, ...fields }, { Origin: siteOrigin, ...headers }),
        );
      expect((await form({ comment: 'curl-like' })).headers.get('location')).toMatch(/comment=pending/);
      expect(
        (
          await form({ comment: 'pressed the button' }, { 'Sec-Fetch-Mode': 'navigate', 'Sec-Fetch-User': '?1' })
        ).headers.get('location'),
      ).toMatch(/comment=approved/);
      expect((await form({ comment: 'script told the time', elapsed: '20000' })).headers.get('location')).toMatch(
        /comment=approved/,
      );
    } finally {
      await open.close();
    }
  });
});

describe("moderators' digest", () => {
  it('lists the comments that came in since the last digest, once, with approve and reject links', async () => {
    const digest = await createInProcessService({});
    try {
      const notifier = createNotifier(
        digest.store,
        createSigner(digest.addressKey, 'mail-links'),
        {
          enabled: true,
          moderatorEmails: ['desk@example.org'],
          digestMinutes: 60,
          siteUrl: `${siteOrigin}/`,
          serviceUrl: () => 'https://comments.example.org/',
        },
        { title: (id) => (id === article ? title : undefined) },
        () => undefined,
      );
      const start = Date.now();
      await digest.store.setMarker('digest', new Date(start - 3_600_000).toISOString());
      for (const text of ['First of the hour', 'Second of the hour']) {
        await digest.postComment({ article, name: 'Reader', comment: text });
      }
      // Waiting comments are not mailed one by one in digest mode.
      expect(await digest.store.unsentMailCount()).toBe(0);
      expect(await notifier.sendDigest(Date.now() + 10)).toBe(2);
      const [mail] = await digest.store.dueMail(new Date(Date.now() + 1000).toISOString(), 10);
      expect(mail!.to).toBe('desk@example.org');
      expect(mail!.subject).toBe('2 comments waiting for moderation');
      expect(mail!.text).toContain(`on “${title}”`);
      expect(mail!.text.match(/Approve: https:\/\/comments\.example\.org\/mail\/moderate\?token=/g)).toHaveLength(2);
      // Within the hour nothing is sent; an hour later there is nothing new to send.
      expect(await notifier.sendDigest(Date.now() + 20)).toBe(0);
      expect(await notifier.sendDigest(Date.now() + 3_600_000)).toBe(0);
      expect(await digest.store.unsentMailCount()).toBe(1);
    } finally {
      await digest.close();
    }
  });

  it('is sent once per period by instances sharing a database, however their timers fall', async () => {
    const digest = await createInProcessService({});
    try {
      const instance = () =>
        createNotifier(
          digest.store,
          createSigner(digest.addressKey, 'mail-links'),
          {
            enabled: true,
            moderatorEmails: ['desk@example.org'],
            digestMinutes: 60,
            siteUrl: `${siteOrigin}/`,
            serviceUrl: () => 'https://comments.example.org/',
          },
          undefined,
          () => undefined,
        );
      const [a, b] = [instance(), instance()];
      // The comments' times are given, not read from the clock: a digest covers what came before its moment.
      const now = Date.parse('2026-11-27T09:00:00Z');
      const waiting = (id: string, at: number) =>
        digest.store.insert({
          id,
          article,
          parent: null,
          name: 'Reader',
          email: null,
          website: null,
          comment: `Waiting (${id})`,
          status: 'pending',
          ipHash: null,
          createdAt: new Date(at).toISOString(),
          idempotencyKey: null,
          notify: false,
        });
      await waiting('digest-first', now - 60_000);
      // Both timers fire at the same moment: one sends.
      expect((await Promise.all([a.sendDigest(now), b.sendDigest(now)])).sort()).toEqual([0, 1]);
      await waiting('digest-later', now + 60_000);
      // The other instance's timer fires half a period later: not its turn.
      expect(await b.sendDigest(now + 1_800_000)).toBe(0);
      // A period after the last digest, whichever instance comes first sends the new comment.
      expect(await b.sendDigest(now + 3_600_000)).toBe(1);
      expect(await a.sendDigest(now + 3_700_000)).toBe(0);
      expect(await digest.store.unsentMailCount()).toBe(2);
    } finally {
      await digest.close();
    }
  });
});

describe('Akismet', () => {
  it('sends the comment to the queue, logged, when Akismet cannot be reached, even under COMMENTS_MODERATION=off', async () => {
    // The real client, pointed at an address that cannot be reached.
    const unreachable = akismetCheck('0123456789ab', `${siteOrigin}/`, 'http://127.0.0.1:9');
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const open = await createInProcessService({ COMMENTS_MODERATION: 'off' }, { spamCheck: unreachable });
    try {
      const response = await open.postComment({
        article,
        name: 'Checked',
        comment: 'Checked by nobody',
        elapsed: '9000',
      });
      expect(response.status).toBe(201);
      const { id, status } = await response.json();
      expect(status).toBe('pending');
      expect((await open.store.get(id))?.status).toBe('pending');
      expect(error.mock.calls.flat().join('\n')).toMatch(/spam check failed, the comment waits for moderation/);
    } finally {
      error.mockRestore();
      await open.close();
    }
  });
});

describe('Akismet and the rate limit', () => {
  it('refuses a sender over the rate limit before Akismet is asked, so a flood costs no Akismet calls', async () => {
    // Akismet is an outside service: this stand-in only counts the questions it is asked.
    let asked = 0;
    const counted = {
      isSpam: async () => {
        asked++;
        return false;
      },
    };
    const service = await createInProcessService(
      { COMMENTS_MODERATION: 'off', COMMENTS_RATE_LIMIT: '2' },
      { spamCheck: counted },
    );
    try {
      const statuses = [];
      for (const n of [1, 2, 3, 4, 5]) {
        statuses.push(
          (await service.postComment({ article, name: 'Flood', comment: `Post number ${n}`, elapsed: '9000' })).status,
        );
      }
      expect(statuses).toEqual([201, 201, 429, 429, 429]);
      expect(asked).toBe(2);
      expect(await service.store.all()).toHaveLength(2);
    } finally {
      await service.close();
    }
  });
});

describe('the outbox and privacy', () => {
  it('erases a sent mail’s address and text, forgets its record after COMMENTS_RETENTION_DAYS, and drops unsent mail on a privacy request', async () => {
    const box = await createInProcessService({});
    try {
      const now = new Date().toISOString();
      const mail = { subject: 'Hello', text: 'Private text', headers: {}, commentIds: [] };
      expect(await box.store.enqueueMail({ ...mail, to: 'kept@example.org', dedupeKey: 'one' }, now)).toBe(true);
      expect(await box.store.enqueueMail({ ...mail, to: 'kept@example.org', dedupeKey: 'one' }, now)).toBe(false);
      await box.store.enqueueMail({ ...mail, to: 'Forget.Me@example.org', dedupeKey: 'two' }, now);
      const [sent] = await box.store.dueMail(now, 1);
      await box.store.mailSent(sent!.id, now);
      const rows = () =>
        new DatabaseSync(box.db, { readOnly: true })
          .prepare('SELECT recipient, body, sent_at FROM outbox ORDER BY id')
          .all();
      expect(rows()[0]).toMatchObject({ recipient: '', body: '', sent_at: now });
      await box.store.deleteByEmail('forget.me@EXAMPLE.org');
      expect(rows()).toHaveLength(1);
      await forgetExpired(box.store, { retentionDays: 30, approvedRetentionDays: 0 }, Date.now() + 31 * 24 * 3_600_000);
      expect(rows()).toHaveLength(0);
    } finally {
      await box.close();
    }
  });
});
