/**
 * The moderation page under /admin/ (signing in: moderator-sign-in.ts): the queue with filters,
 * actions on ticked comments, blocked senders, the newsletter's subscribers (newsletter-admin.ts). Every form that changes something carries a CSRF
 * token tied to the session, and every change is a POST answered with a redirect
 * (POST-redirect-GET), so the page works without JavaScript and a reload never repeats an action.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { commentIdPattern, statuses, type CommentStatus } from '../../comments/protocol.ts';
import { articleUrl } from '../article-url.ts';
import { actions, deleteComment, isAction, moderate, type ModerationDeps } from '../moderation.ts';
import type { ServiceConfig } from '../settings.ts';
import type { NewsletterRecords } from '../store/newsletter-records.ts';
import type { BlockRecords, ModerationRecords, QueueQuery, SessionRecords } from '../store/store.ts';
import {
  adminPageSize,
  adminScript,
  adminStyles,
  blocksPage,
  confirmDeletePage,
  queuePage,
} from './moderation-html.ts';
import { moderatorSignIn, type ModeratorSessions } from './moderator-sign-in.ts';
import { addNewsletterAdminRoutes } from './newsletter-admin.ts';
import { pageFormBytes, pageSecurityHeaders } from './page-headers.ts';
import type { PeerAddress } from './request.ts';

export interface ModerationPageDeps extends ModerationDeps {
  store: ModerationDeps['store'] & ModerationRecords & BlockRecords & SessionRecords & NewsletterRecords;
  config: Pick<ServiceConfig, 'adminToken' | 'trustProxy' | 'siteUrl' | 'newsletter'>;
  addressKey: string;
  peerAddress?: PeerAddress;
  knownArticles?: { title?(article: string): string | undefined };
  /** What the page says about the site's rebuild (deploy-hook.ts), or null without a hook. */
  rebuildStatus?: () => string | null | Promise<string | null>;
}

const plural = (n: number, what: string) => `${n} comment${n === 1 ? '' : 's'} ${what}.`;
const doneMessages: Record<string, (n: number) => string> = {
  approved: (n) => plural(n, 'approved'),
  rejected: (n) => plural(n, 'rejected'),
  spam: (n) => plural(n, 'marked as spam'),
  deleted: (n) => plural(n, 'deleted (with their replies)'),
  blocked: () => 'Blocked: new comments from this sender go to spam.',
  unblocked: () => 'Unblocked.',
  none: () => 'Select at least one comment first.',
};

/** A return address inside the queue page only: "?status=…", never anywhere else. */
const safeReturn = (value: string | null) => (value && /^\?[A-Za-z0-9=&%+._~-]{0,500}$/.test(value) ? value : '');

/** The queue's filters and page from the query string, each bounded. */
function queueQuery(c: Context): Omit<QueueQuery, 'offset' | 'limit'> & { page: number } {
  const statusText = c.req.query('status') ?? 'pending';
  const status = ([...statuses, 'all'] as string[]).includes(statusText)
    ? (statusText as CommentStatus | 'all')
    : 'pending';
  const pageNumber = Number(c.req.query('page') ?? 1);
  return {
    status,
    article: (c.req.query('article') ?? '').trim().slice(0, 200) || null,
    search: (c.req.query('q') ?? '').trim().slice(0, 200) || null,
    page: Number.isInteger(pageNumber) && pageNumber >= 1 && pageNumber <= 1_000_000 ? pageNumber : 1,
  };
}

function doneNotice(c: Context): string | null {
  const done = c.req.query('done') ?? '';
  const count = Number(c.req.query('n') ?? 0);
  return Object.hasOwn(doneMessages, done) ? doneMessages[done]!(Number.isInteger(count) ? count : 0) : null;
}

export function moderationPage(deps: ModerationPageDeps): Hono {
  const { store, config } = deps;
  const app = new Hono();
  const titleOf = (article: string) => deps.knownArticles?.title?.(article) ?? article;

  app.use('*', async (c, next) => {
    pageSecurityHeaders(c);
    if (!config.adminToken)
      return c.text('Moderation is disabled: start the service with COMMENTS_ADMIN_TOKEN set', 503);
    await next();
  });
  app.use('*', bodyLimit({ maxSize: pageFormBytes, onError: (c) => c.text('Too large', 413) }));

  app.get('/admin.css', (c) => c.body(adminStyles, 200, { 'Content-Type': 'text/css; charset=utf-8' }));
  app.get('/admin.js', (c) => c.body(adminScript, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }));

  const sessions = moderatorSignIn(app, deps);

  app.get('/', async (c) => {
    const signedIn = await sessions.session(c);
    if (!signedIn) return sessions.signInPage(c);
    const { page, ...query } = queueQuery(c);
    const { items, total } = await store.queue({ ...query, offset: (page - 1) * adminPageSize, limit: adminPageSize });
    return c.html(
      queuePage({
        status: query.status,
        article: query.article ?? '',
        search: query.search ?? '',
        page,
        total,
        items,
        selectAll: c.req.query('select') === 'all',
        csrf: signedIn.csrf,
        notice: doneNotice(c),
        titleOf,
        urlOf: (id, commentId) => articleUrl(config.siteUrl, id, commentId),
        rebuild: (await deps.rebuildStatus?.()) ?? null,
      }),
    );
  });

  app.post('/act', (c) => act(c, deps, sessions));
  addBlockRoutes(app, store, sessions);
  addNewsletterAdminRoutes(app, store, sessions, config.newsletter);
  return app;
}

/** The comment of a row's own button, or the ticked ones (at most 500). */
const chosenIds = (one: string | undefined, form: URLSearchParams) =>
  (one !== undefined ? [one] : form.getAll('id')).filter((id) => commentIdPattern.test(id)).slice(0, 500);

/** POST /admin/act: one action on one comment (`act=approve:<id>`) or on the ticked ones. */
async function act(c: Context, deps: ModerationPageDeps, sessions: ModeratorSessions): Promise<Response> {
  const checked = await sessions.guarded(c);
  if (checked instanceof Response) return checked;
  const { form, csrf } = checked;
  const back = safeReturn(form.get('return'));
  const returnWith = (done: string, n = 0) => {
    const url = new URLSearchParams(back.slice(1));
    url.delete('select');
    url.set('done', done);
    url.set('n', String(n));
    return c.redirect(`/admin/?${url}`, 303);
  };
  const [action = '', one] = (form.get('act') ?? '').split(':');
  const ids = chosenIds(one, form);
  if (ids.length === 0) return returnWith('none');

  if (isAction(action)) {
    let changed = 0;
    for (const id of ids) if (await moderate(deps, id, actions[action])) changed++;
    return returnWith(actions[action], changed);
  }
  if (action === 'delete') {
    if (form.get('confirm') !== '1') return c.html(confirmDeletePage(ids, csrf, back));
    let deleted = 0;
    for (const id of ids) deleted += await deleteComment(deps, id);
    return returnWith('deleted', deleted);
  }
  if (action === 'block-email' || action === 'block-client')
    return (await blockSender(deps.store, action, ids[0]!)) ? returnWith('blocked', 1) : returnWith('none');
  return c.text('Unknown action', 400);
}

/** Blocks the e-mail address or the client of a comment; false when the comment has none (any more). */
async function blockSender(
  store: Pick<ModerationRecords, 'queueItem'> & BlockRecords,
  action: 'block-email' | 'block-client',
  id: string,
): Promise<boolean> {
  const comment = await store.queueItem(id);
  const value = action === 'block-email' ? comment?.email : comment?.clientHash;
  if (!value) return false;
  await store.block(action === 'block-email' ? 'email' : 'client', value, new Date().toISOString());
  return true;
}

/** The blocked senders' page: list, block an address, unblock. */
function addBlockRoutes(app: Hono, store: BlockRecords, sessions: ModeratorSessions): void {
  app.get('/blocks', async (c) => {
    const signedIn = await sessions.session(c);
    if (!signedIn) return c.redirect('/admin/', 303);
    const done = c.req.query('done') ?? '';
    const notice = done === 'blocked' || done === 'unblocked' ? doneMessages[done]!(1) : null;
    return c.html(blocksPage(await store.blocks(), signedIn.csrf, notice));
  });

  app.post('/blocks', async (c) => {
    const checked = await sessions.guarded(c);
    if (checked instanceof Response) return checked;
    const email = (checked.form.get('email') ?? '').trim();
    if (!email || email.length > 254 || !email.includes('@')) return c.redirect('/admin/blocks', 303);
    await store.block('email', email, new Date().toISOString());
    return c.redirect('/admin/blocks?done=blocked', 303);
  });

  app.post('/blocks/remove', async (c) => {
    const checked = await sessions.guarded(c);
    if (checked instanceof Response) return checked;
    const kind = checked.form.get('kind');
    const value = checked.form.get('value') ?? '';
    if ((kind === 'email' || kind === 'client') && value) await store.unblock(kind, value);
    return c.redirect('/admin/blocks?done=unblocked', 303);
  });
}
