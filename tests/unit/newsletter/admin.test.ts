import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { runNewsletter } from '../../../src/comment-service/newsletter/run.ts';
import { SqliteStore } from '../../../src/comment-service/store/sqlite-store.ts';
import { signIn } from '../../support/admin-session.ts';
import {
  confirmFromMail,
  mailTo,
  startNewsletterService,
  writeFeed,
  type NewsletterService,
} from '../../support/newsletter.ts';

// The moderation page's newsletter section over real HTTP: counts, list, removal, CSV export, and
// erasure that leaves nothing of the address in the database files, the outbox included.
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The database file and its log as bytes (as text), to look for what must be gone. */
const fileText = (db: string) =>
  [db, `${db}-wal`]
    .filter((file) => existsSync(file))
    .map((file) => readFileSync(file).toString('latin1'))
    .join('\n');

async function subscribed(newsletter: NewsletterService, email: string, confirm: boolean) {
  await newsletter.subscribe({ email });
  const mail = await newsletter.sink.waitFor(mailTo(email));
  if (confirm) await confirmFromMail(mail);
}

describe('the newsletter section of the moderation page', () => {
  it('shows counts, subscribers and sends; removes one; exports CSV; erases an address from the files', async () => {
    const newsletter = await startNewsletterService();
    cleanups.push(newsletter.close);
    const { service, db, dir } = newsletter;
    await subscribed(newsletter, 'pending.reader@example.org', false);
    await subscribed(newsletter, 'confirmed.reader@example.org', true);
    await subscribed(newsletter, 'forget.me.please@example.org', true);
    await subscribed(newsletter, 'removed.reader@example.org', true);
    const feed = await writeFeed(dir, [{ id: 'admin-story', title: 'Admin story', published: new Date() }]);
    const key = readFileSync(`${db}.address-key`, 'utf8').trim();
    const store = new SqliteStore(db);
    cleanups.push(() => store.close());
    expect((await runNewsletter(store, service.config, key, { feed })).queued).toBe(3);

    const admin = await signIn((pathname, init) => fetch(`${service.url}${pathname}`, { redirect: 'manual', ...init }));
    const page = await (await admin.get('/admin/newsletter')).text();
    expect(page).toContain('Pending: 1 · Confirmed: 3 · Unsubscribed: 0');
    expect(page).toContain('confirmed.reader@example.org');
    expect(page).toMatch(/Story: <strong>Admin story<\/strong>,\s+3 mails/);
    expect(await (await admin.get('/admin/newsletter?status=pending')).text()).not.toContain('confirmed.reader@');

    const removedId = (await store.subscriberList({ status: 'all', search: 'removed.', offset: 0, limit: 1 })).items[0]!
      .id;
    const removal = await admin.post('/admin/newsletter/remove', { id: removedId, return: '?status=all' });
    expect(removal.status).toBe(303);
    expect(removal.headers.get('location')).toBe('/admin/newsletter?status=all&done=removed');

    const csv = await admin.get('/admin/newsletter.csv');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe('email,status,rhythm,subscribed_at,confirmed_at,unsubscribed_at');
    expect(
      lines
        .slice(1)
        .map((line) => line.split(',')[0])
        .sort(),
    ).toEqual(['"confirmed.reader@example.org"', '"forget.me.please@example.org"', '"pending.reader@example.org"']);

    const erase = await admin.post('/admin/newsletter/erase', { email: 'FORGET.ME.PLEASE@example.org' });
    expect(erase.headers.get('location')).toBe('/admin/newsletter?done=erased');
    expect(fileText(db)).not.toContain('forget.me.please');
    expect(fileText(db)).not.toContain('removed.reader');
    expect(fileText(db)).toContain('confirmed.reader@example.org');
    // Without a session nothing of it is shown.
    expect((await fetch(`${service.url}/admin/newsletter.csv`, { redirect: 'manual' })).status).toBe(303);
  });
});
