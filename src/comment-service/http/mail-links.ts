/**
 * Where the links in e-mails lead. Opening a link only shows a page with one button: mail scanners
 * and link previews open links too, and must not approve a comment or unsubscribe anyone. The
 * button (a POST) acts. Approve and reject links are signed, expire after 7 days and work once
 * (both links of one e-mail share a nonce, kept in the store when used). Unsubscribe links are
 * signed; a POST to them also serves RFC 8058 one-click unsubscribe from the mail client.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { html } from 'hono/html';
import { moderationLinkDays, type ModerationAction } from '../mail/notifications.ts';
import { moderate, type ModerationDeps } from '../moderation.ts';
import { createSigner } from '../signing.ts';
import type { MailRecords, ModerationRecords } from '../store/store.ts';
import { mailLinkPage } from './moderation-html.ts';
import { pageFormBytes, pageSecurityHeaders } from './page-headers.ts';
import { formOf } from './request.ts';

export interface MailLinksDeps extends ModerationDeps {
  store: ModerationDeps['store'] & Pick<ModerationRecords, 'queueItem'> & Pick<MailRecords, 'useToken' | 'unsubscribe'>;
  addressKey: string;
  /** Whether approved comments reach the site without a manual build (a deploy hook is set). */
  rebuildsSite: boolean;
}

const verbs: Record<ModerationAction, { status: 'approved' | 'rejected'; button: string; done: string }> = {
  approve: {
    status: 'approved',
    button: 'Approve this comment',
    done: 'Approved.',
  },
  reject: { status: 'rejected', button: 'Reject this comment', done: 'Rejected.' },
};

const invalidLink = html`<p>This link is not valid any more: it was used already, it is older than ${moderationLinkDays} days, or it was changed. Use the
  <a href="/admin/">moderation page</a>.</p>`;

export function mailLinks(deps: MailLinksDeps): Hono {
  const { store } = deps;
  const app = new Hono();
  const linkSigner = createSigner(deps.addressKey, 'mail-links');
  const approvedNote = deps.rebuildsSite
    ? 'The site is being rebuilt: the comment appears there in a few minutes.'
    : 'The comment will appear after the next build of the site.';

  app.use('*', async (c, next) => {
    pageSecurityHeaders(c);
    await next();
  });

  app.use('*', bodyLimit({ maxSize: pageFormBytes, onError: (c) => c.text('Too large', 413) }));

  async function tokenOf(c: Context, form?: URLSearchParams) {
    const token = form?.get('token') ?? c.req.query('token') ?? '';
    return { token, payload: await linkSigner.verify(token) };
  }

  app.get('/moderate', async (c) => {
    const { token, payload } = await tokenOf(c);
    const action = payload?.a as ModerationAction | undefined;
    const comment = payload?.c ? await store.queueItem(payload.c) : null;
    if (!payload || !action || !Object.hasOwn(verbs, action))
      return c.html(mailLinkPage('Link not valid', invalidLink), 400);
    if (!comment) return c.html(mailLinkPage('Comment not found', html`<p>This comment was deleted.</p>`), 404);
    return c.html(
      mailLinkPage(
        verbs[action].button,
        html`<p><strong>${comment.name}</strong> wrote (now ${comment.status}):</p>
<p class="text card">${comment.comment}</p>
<form method="post" action="/mail/moderate" class="stack">
  <input type="hidden" name="token" value="${token}">
  <button type="submit" class="primary">${verbs[action].button}</button>
</form>`,
      ),
    );
  });

  app.post('/moderate', async (c) => {
    const { payload } = await tokenOf(c, await formOf(c, pageFormBytes));
    const action = payload?.a as ModerationAction | undefined;
    if (!payload || !action || !Object.hasOwn(verbs, action) || !payload.c || !payload.n)
      return c.html(mailLinkPage('Link not valid', invalidLink), 400);
    const now = Date.now();
    if (
      !(await store.useToken(
        `mail:${payload.n}`,
        new Date(Number(payload.exp)).toISOString(),
        new Date(now).toISOString(),
      ))
    ) {
      return c.html(mailLinkPage('Link already used', invalidLink), 410);
    }
    if (!(await moderate(deps, payload.c, verbs[action].status))) {
      return c.html(mailLinkPage('Comment not found', html`<p>This comment was deleted.</p>`), 404);
    }
    const note = action === 'approve' ? html`<p>${approvedNote}</p>` : '';
    return c.html(mailLinkPage(verbs[action].done, html`${note}<p><a href="/admin/">Open the moderation page</a></p>`));
  });

  addUnsubscribeRoutes(app, store, tokenOf);
  return app;
}

type TokenOf = (
  c: Context,
  form?: URLSearchParams,
) => Promise<{ token: string; payload: Record<string, string> | null }>;

/** The unsubscribe link of a reply notice: a page with one button, and RFC 8058 one-click. */
function addUnsubscribeRoutes(app: Hono, store: Pick<MailRecords, 'unsubscribe'>, tokenOf: TokenOf): void {
  app.get('/unsubscribe', async (c) => {
    const { token, payload } = await tokenOf(c);
    if (payload?.p !== 'unsubscribe' || !payload.e)
      return c.html(mailLinkPage('Link not valid', html`<p>This unsubscribe link is not valid.</p>`), 400);
    return c.html(
      mailLinkPage(
        'Stop e-mails about replies',
        html`<p>Stop all e-mails about replies to comments written with ${payload.e}?</p>
<form method="post" action="/mail/unsubscribe" class="stack">
  <input type="hidden" name="token" value="${token}">
  <button type="submit" class="primary">Unsubscribe</button>
</form>`,
      ),
    );
  });

  // The page's button, and RFC 8058 one-click (POST to the List-Unsubscribe URL, token in the query).
  app.post('/unsubscribe', async (c) => {
    const form = await formOf(c, pageFormBytes);
    const { payload } = await tokenOf(c, form.has('token') ? form : undefined);
    if (payload?.p !== 'unsubscribe' || !payload.e)
      return c.html(mailLinkPage('Link not valid', html`<p>This unsubscribe link is not valid.</p>`), 400);
    await store.unsubscribe(payload.e);
    return c.html(
      mailLinkPage('Unsubscribed', html`<p>No more e-mails about replies will be sent to ${payload.e}.</p>`),
    );
  });
}
