import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { newsletterLine } from '../../../src/comment-service/node.ts';
import { runNewsletter } from '../../../src/comment-service/newsletter/run.ts';
import { parseServiceConfig } from '../../../src/comment-service/settings.ts';
import { SqliteStore } from '../../../src/comment-service/store/sqlite-store.ts';
import { adminToken, siteOrigin } from '../../support/comment-app.ts';
import {
  confirmFromMail,
  jsonFeed,
  linksIn,
  mailTo,
  startNewsletterService,
  writeFeed,
  type NewsletterService,
} from '../../support/newsletter.ts';

// The subscribe endpoint and the pages of the mail links, over real HTTP on loopback, mail through
// a real SMTP server; the store's own cases are in store.test.ts.
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function started(env: Record<string, string> = {}): Promise<NewsletterService> {
  const running = await startNewsletterService(env);
  cleanups.push(running.close);
  return running;
}

function query<T>(db: string, sql: string): T[] {
  const reader = new DatabaseSync(db, { readOnly: true });
  try {
    return reader.prepare(sql).all() as T[];
  } finally {
    reader.close();
  }
}
const statusOf = (db: string, email: string) =>
  query<{ status: string }>(db, `SELECT status FROM subscribers WHERE email = '${email}'`)[0]?.status;

describe('POST /subscriptions', () => {
  it('subscribes with double opt-in: one mail with one confirm link, a page with one button, confirmed by the POST only', async () => {
    const { subscribe, sink, db } = await started();
    const response = await subscribe({ email: 'reader@example.org', rhythm: 'daily' });
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ outcome: 'check-inbox' });
    const mail = await sink.waitFor(mailTo('reader@example.org'));
    const links = linksIn(mail);
    expect(links).toHaveLength(1);
    expect(links[0]).toContain('confirm');
    expect(mail.html).toBeTruthy();
    // Opening the link (as a mail scanner does) confirms nothing.
    const page = await fetch(links[0]!);
    expect(page.status).toBe(200);
    expect((await page.text()).match(/<button/g)).toHaveLength(1);
    expect(statusOf(db, 'reader@example.org')).toBe('pending');
    const confirmed = await confirmFromMail(mail);
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain('You are subscribed');
    expect(statusOf(db, 'reader@example.org')).toBe('confirmed');
  });

  it('answers a form post with a 303 back to its page and the outcome, and refuses other origins', async () => {
    const { service, subscribe } = await started();
    const back = `${siteOrigin}/articles/a-story/#newsletter`;
    const form = await subscribe({ email: 'form@example.org', redirect: back }, { Accept: 'text/html' });
    expect(form.status).toBe(303);
    expect(form.headers.get('location')).toBe(`${siteOrigin}/articles/a-story/#newsletter-check-inbox`);
    const invalid = await subscribe({ email: 'not an address', redirect: back }, { Accept: 'text/html' });
    expect(invalid.headers.get('location')).toBe(`${siteOrigin}/articles/a-story/#newsletter-invalid`);
    const foreign = await fetch(`${service.url}/subscriptions`, {
      method: 'POST',
      headers: { Origin: 'https://evil.example', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'email=victim%40example.org',
    });
    expect(foreign.status).toBe(403);
  });

  it('refuses bad fields with 400, stores nothing for a filled honeypot, and offers only the configured rhythms', async () => {
    const { subscribe, db } = await started({ COMMENTS_NEWSLETTER_RHYTHMS: 'story' });
    expect((await subscribe({ email: '' })).status).toBe(400);
    expect((await subscribe({ email: 'a@example.org', rhythm: 'weekly' })).status).toBe(400);
    expect((await subscribe({ email: 'a@example.org', rhythm: 'daily' })).status).toBe(400);
    const bot = await subscribe({ email: 'bot@example.org', hp: 'https://spam.example' });
    expect(bot.status).toBe(202);
    expect(query(db, 'SELECT id FROM subscribers')).toHaveLength(0);
    expect((await subscribe({ email: 'a@example.org' })).status).toBe(202);
    expect(query<{ rhythm: string }>(db, 'SELECT rhythm FROM subscribers')).toEqual([{ rhythm: 'story' }]);
  });

  it('sends one confirmation a day per address, folded for case and Unicode, answering every request alike', async () => {
    const { subscribe, sink, db } = await started();
    for (const email of ['Straße@Example.org', 'STRASSE@example.org', 'straße@example.org']) {
      const response = await subscribe({ email });
      expect(await response.json()).toMatchObject({ outcome: 'check-inbox' });
    }
    await sink.waitFor((mail) => mail.subject === 'Confirm your subscription to The Meridian');
    expect(query(db, "SELECT id FROM outbox WHERE dedupe_key LIKE 'nl:%:confirm:%'")).toHaveLength(1);
    expect(query(db, 'SELECT id FROM subscribers')).toHaveLength(1);
  });

  it('limits subscription requests per client network per hour', async () => {
    const { subscribe } = await started({ COMMENTS_NEWSLETTER_SUBSCRIBE_LIMIT: '3' });
    const answers = [];
    for (let n = 0; n < 5; n++) answers.push((await subscribe({ email: `n${n}@example.org` })).status);
    expect(answers).toEqual([202, 202, 202, 429, 429]);
  });

  it('is closed without SMTP settings: GET says so, a POST is refused, and the start line says why', async () => {
    const { service, subscribe } = await started({ COMMENTS_SMTP_URL: '' });
    expect(await (await fetch(`${service.url}/subscriptions`)).json()).toEqual({
      enabled: false,
      rhythms: ['story', 'daily'],
      defaultRhythm: 'story',
    });
    expect((await subscribe({ email: 'x@example.org' })).status).toBe(503);
    expect(newsletterLine(service.config)).toContain('off (no COMMENTS_SMTP_URL');
    expect(() => parseServiceConfig({ COMMENTS_NEWSLETTER_DEFAULT_RHYTHM: 'weekly' })).toThrow(
      /COMMENTS_NEWSLETTER_DEFAULT_RHYTHM must be story or daily/,
    );
  });
});

describe('newsletter mails and unsubscribing', () => {
  it('mails a story published after confirming, with one-click unsubscribe headers that work', async () => {
    const { service, subscribe, sink, db, dir } = await started();
    await subscribe({ email: 'leaver@example.org', rhythm: 'story' });
    await confirmFromMail(await sink.waitFor(mailTo('leaver@example.org')));
    const feed = await writeFeed(dir, [
      { id: 'old-story', title: 'Published before', published: new Date(Date.now() - 3600_000) },
      {
        id: 'new-story',
        title: 'A new story',
        published: new Date(Date.now() + 1000),
        image: 'https://news.example.com/_astro/hero.jpg',
      },
    ]);
    const store = new SqliteStore(db);
    try {
      const result = await runNewsletter(store, service.config, await readKey(db), { feed, now: Date.now() + 2000 });
      expect(result.queued).toBe(1);
      const again = await runNewsletter(store, service.config, await readKey(db), { feed, now: Date.now() + 3000 });
      expect(again.queued).toBe(0);
    } finally {
      await store.close();
    }
    const mail = await sink.waitFor((m) => m.subject === 'A new story');
    expect(mail.html).toContain('https://news.example.com/_astro/hero.jpg');
    expect(mail.text).toContain('By Ada Reporter');
    const header = (name: string) =>
      mail.headerLines.find((line) => line.key === name)?.line.replace(/\r?\n\s+/g, ' ') ?? '';
    expect(header('list-unsubscribe-post')).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/i);
    const unsubscribe = /^List-Unsubscribe: <([^>]+)>$/i.exec(header('list-unsubscribe'))![1]!;
    expect(linksIn(mail)).toContain(unsubscribe);
    expect((await fetch(unsubscribe)).status).toBe(200);
    expect(statusOf(db, 'leaver@example.org')).toBe('confirmed');
    const oneClick = await fetch(unsubscribe, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    expect(statusOf(db, 'leaver@example.org')).toBe('unsubscribed');
  });
});

describe('POST /api/newsletter/send (the deploy hook)', () => {
  it('sends the published feed once with the admin token, refuses without it, and erases an address', async () => {
    // The live site's /feed.json, as the deploy just published it.
    let feed = JSON.stringify(jsonFeed([]));
    const site = createServer((_, response) => response.end(feed));
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => site.close(() => resolve())));
    const feedUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/feed.json`;
    const { service, subscribe, sink } = await started({ COMMENTS_NEWSLETTER_FEED_URL: feedUrl });
    await subscribe({ email: 'hook.reader@example.org' });
    await confirmFromMail(await sink.waitFor(mailTo('hook.reader@example.org')));
    feed = JSON.stringify(jsonFeed([{ id: 'hook-story', title: 'After the deploy', published: new Date() }]));
    const send = (token: string) =>
      fetch(`${service.url}/api/newsletter/send`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
    expect((await send('wrong-token-0123456789')).status).toBe(401);
    const first = await send(adminToken);
    const firstAnswer = await first.json();
    expect(firstAnswer, JSON.stringify(firstAnswer)).toMatchObject({ queued: 1 });
    expect(await (await send(adminToken)).json()).toMatchObject({ queued: 0 });
    await sink.waitFor((mail) => mail.subject === 'After the deploy');
    const erase = (email: string) =>
      fetch(`${service.url}/api/newsletter/subscribers?email=${encodeURIComponent(email)}`, {
        method: 'DELETE',
        headers: { Authorization: `Bearer ${adminToken}` },
      });
    expect(await (await erase('HOOK.reader@example.org')).json()).toEqual({ erased: 1 });
    expect(await (await erase('hook.reader@example.org')).json()).toEqual({ erased: 0 });
  });
});

/** The address key beside the database, as the service made it. */
async function readKey(db: string): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  return (await readFile(`${db}.address-key`, 'utf8')).trim();
}
