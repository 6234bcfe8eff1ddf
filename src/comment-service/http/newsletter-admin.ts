/**
 * The routes of the moderation page's newsletter section, signed in like the rest of /admin/:
 * the section itself, removing one subscriber, erasing an address (subscriber and unsent mail),
 * and the CSV export of every subscriber, streamed a page at a time. Changes are POSTs with the
 * session's CSRF token, answered with a redirect.
 */
import type { Context, Hono } from 'hono';
import { stream } from 'hono/streaming';
import type { NewsletterSettings } from '../settings.ts';
import { subscriberStatuses, type NewsletterRecords, type SubscriberStatus } from '../store/newsletter-records.ts';
import type { ModeratorSessions } from './moderator-sign-in.ts';
import { csvHeader, csvRow, newsletterAdminPage, subscriberPageSize } from './newsletter-admin-html.ts';

const notices: Record<string, string> = {
  removed: 'Subscriber removed, with the mail not yet sent to them.',
  erased: 'Address erased, with the mail not yet sent to it.',
  unknown: 'No subscriber has that address.',
};

const safeReturn = (value: string | null) => (value && /^\?[A-Za-z0-9=&%+._~-]{0,500}$/.test(value) ? value : '');

function viewQuery(c: Context) {
  const statusText = c.req.query('status') ?? 'all';
  const status: SubscriberStatus | 'all' = (subscriberStatuses as readonly string[]).includes(statusText)
    ? (statusText as SubscriberStatus)
    : 'all';
  const page = Number(c.req.query('page') ?? 1);
  return {
    status,
    search: (c.req.query('q') ?? '').trim().slice(0, 200),
    page: Number.isInteger(page) && page >= 1 && page <= 1_000_000 ? page : 1,
  };
}

export function addNewsletterAdminRoutes(
  app: Hono,
  store: NewsletterRecords,
  sessions: ModeratorSessions,
  settings: Pick<NewsletterSettings, 'offReason'>,
): void {
  app.get('/newsletter', async (c) => {
    const signedIn = await sessions.session(c);
    if (!signedIn) return c.redirect('/admin/', 303);
    const { status, search, page } = viewQuery(c);
    const list = await store.subscriberList({
      status,
      search: search || null,
      offset: (page - 1) * subscriberPageSize,
      limit: subscriberPageSize,
    });
    const done = c.req.query('done') ?? '';
    return c.html(
      newsletterAdminPage({
        counts: await store.subscriberCounts(),
        status,
        search,
        page,
        total: list.total,
        subscribers: list.items,
        sends: await store.recentSends(20),
        csrf: signedIn.csrf,
        notice: Object.hasOwn(notices, done) ? notices[done]! : null,
        closedReason: settings.offReason,
      }),
    );
  });

  app.post('/newsletter/remove', async (c) => {
    const checked = await sessions.guarded(c);
    if (checked instanceof Response) return checked;
    const removed = await store.eraseSubscribers({ id: checked.form.get('id') ?? '' });
    const back = new URLSearchParams(safeReturn(checked.form.get('return')).slice(1));
    back.set('done', removed > 0 ? 'removed' : 'unknown');
    return c.redirect(`/admin/newsletter?${back}`, 303);
  });

  app.post('/newsletter/erase', async (c) => {
    const checked = await sessions.guarded(c);
    if (checked instanceof Response) return checked;
    const email = (checked.form.get('email') ?? '').trim().slice(0, 254);
    const erased = email ? await store.eraseSubscribers({ email }) : 0;
    return c.redirect(`/admin/newsletter?done=${erased > 0 ? 'erased' : 'unknown'}`, 303);
  });

  app.get('/newsletter.csv', async (c) => {
    const signedIn = await sessions.session(c);
    if (!signedIn) return c.redirect('/admin/', 303);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', 'attachment; filename="subscribers.csv"');
    return stream(c, async (out) => {
      await out.write(csvHeader);
      for (let offset = 0; ; offset += 1000) {
        const { items } = await store.subscriberList({ status: 'all', search: null, offset, limit: 1000 });
        for (const subscriber of items) await out.write(csvRow(subscriber));
        if (items.length < 1000) break;
      }
    });
  });
}
