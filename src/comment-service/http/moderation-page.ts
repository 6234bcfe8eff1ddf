/**
 * The moderation page under /admin/: sign in with the admin token, then a session cookie
 * (HttpOnly, SameSite=Strict, Secure over https, 12 hours) whose id is stored only as a hash.
 * Every form that changes something carries a CSRF token tied to the session. Wrong tokens are
 * logged and answered more slowly each time; after 10 in 15 minutes a client must wait.
 * Every change is a POST answered with a redirect (POST-redirect-GET), so the page works without
 * JavaScript and a reload never repeats an action.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { commentIdPattern, statuses, type CommentStatus } from '../../comments/protocol.ts';
import { articleUrl } from '../article-url.ts';
import { actions, deleteComment, isAction, moderate, type ModerationDeps } from '../moderation.ts';
import type { ServiceConfig } from '../settings.ts';
import { createSigner, randomToken, sameText, sha256 } from '../signing.ts';
import type { BlockRecords, ModerationRecords, SessionRecords } from '../store/store.ts';
import { addressHasher } from './client-address.ts';
import {
  adminPageSize,
  adminScript,
  adminStyles,
  blocksPage,
  confirmDeletePage,
  queuePage,
  signInPage,
} from './moderation-html.ts';
import { pageFormBytes, pageSecurityHeaders } from './page-headers.ts';
import { clientAddress, formOf, type PeerAddress } from './request.ts';

export interface ModerationPageDeps extends ModerationDeps {
  store: ModerationDeps['store'] & ModerationRecords & BlockRecords & SessionRecords;
  config: Pick<ServiceConfig, 'adminToken' | 'trustProxy' | 'siteUrl'>;
  addressKey: string;
  peerAddress?: PeerAddress;
  knownArticles?: { title?(article: string): string | undefined };
  /** What the page says about the site's rebuild (deploy-hook.ts), or null without a hook. */
  rebuildStatus?: () => string | null;
}

const sessionHours = 12;
const cookieName = 'comments_admin';
/** The sign-in form's own CSRF pair: a cookie, and a MAC of it in the form (login CSRF). */
const signInCookie = 'comments_signin';
const failureWindowMs = 15 * 60_000;
const maxFailures = 10;

const doneMessages: Record<string, (n: number) => string> = {
  approved: (n) => `${n} comment${n === 1 ? '' : 's'} approved.`,
  rejected: (n) => `${n} comment${n === 1 ? '' : 's'} rejected.`,
  spam: (n) => `${n} comment${n === 1 ? '' : 's'} marked as spam.`,
  deleted: (n) => `${n} comment${n === 1 ? '' : 's'} deleted (with their replies).`,
  blocked: () => 'Blocked: new comments from this sender go to spam.',
  unblocked: () => 'Unblocked.',
  none: () => 'Select at least one comment first.',
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether the page was reached over https (directly, or as a proxy in front says). */
const overHttps = (c: Context) =>
  new URL(c.req.url).protocol === 'https:' ||
  (c.req.header('x-forwarded-proto') ?? '').split(',')[0]!.trim() === 'https';

/** A return address inside the queue page only: "?status=…", never anywhere else. */
const safeReturn = (value: string | null) => (value && /^\?[A-Za-z0-9=&%+._~-]{0,500}$/.test(value) ? value : '');

export function moderationPage(deps: ModerationPageDeps): Hono {
  const { store, config } = deps;
  const app = new Hono();
  const csrfSigner = createSigner(deps.addressKey, 'admin-csrf');
  const hashClient = addressHasher(deps.addressKey);
  const titleOf = (article: string) => deps.knownArticles?.title?.(article) ?? article;
  const readForm = (c: Context) => formOf(c, pageFormBytes);

  async function session(c: Context): Promise<{ id: string; csrf: string } | null> {
    const id = getCookie(c, cookieName);
    if (!id || id.length > 100) return null;
    if (!(await store.hasSession(await sha256(id), new Date().toISOString()))) return null;
    return { id, csrf: await csrfSigner.mac(id) };
  }

  app.use('*', async (c, next) => {
    pageSecurityHeaders(c);
    if (!config.adminToken)
      return c.text('Moderation is disabled: start the service with COMMENTS_ADMIN_TOKEN set', 503);
    await next();
  });

  // Forms here are small (500 ticked boxes are 40 KB): anything larger is refused before it is read.
  app.use('*', bodyLimit({ maxSize: pageFormBytes, onError: (c) => c.text('Too large', 413) }));

  app.get('/admin.css', (c) => {
    c.header('Content-Type', 'text/css; charset=utf-8');
    return c.body(adminStyles);
  });
  app.get('/admin.js', (c) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    return c.body(adminScript);
  });

  app.get('/', async (c) => {
    const signedIn = await session(c);
    if (!signedIn) {
      const error = c.req.query('signin');
      const messages: Record<string, string> = {
        wrong: 'That is not the admin token.',
        wait: 'Too many wrong tokens: please wait 15 minutes and try again.',
        expired: 'The sign-in form had expired: please enter the token again.',
      };
      const pre = randomToken();
      setCookie(c, signInCookie, pre, {
        path: '/admin',
        httpOnly: true,
        secure: overHttps(c),
        sameSite: 'Strict',
        maxAge: 3600,
      });
      return c.html(
        signInPage(
          error && Object.hasOwn(messages, error) ? messages[error]! : null,
          await csrfSigner.mac(`sign-in:${pre}`),
        ),
        error === 'wait' ? 429 : 200,
      );
    }
    const statusText = c.req.query('status') ?? 'pending';
    const status = ([...statuses, 'all'] as string[]).includes(statusText)
      ? (statusText as CommentStatus | 'all')
      : 'pending';
    const article = (c.req.query('article') ?? '').trim().slice(0, 200);
    const search = (c.req.query('q') ?? '').trim().slice(0, 200);
    const pageNumber = Number(c.req.query('page') ?? 1);
    const page = Number.isInteger(pageNumber) && pageNumber >= 1 && pageNumber <= 1_000_000 ? pageNumber : 1;
    const { items, total } = await store.queue({
      status,
      article: article || null,
      search: search || null,
      offset: (page - 1) * adminPageSize,
      limit: adminPageSize,
    });
    const done = c.req.query('done') ?? '';
    const count = Number(c.req.query('n') ?? 0);
    return c.html(
      queuePage({
        status,
        article,
        search,
        page,
        total,
        items,
        selectAll: c.req.query('select') === 'all',
        csrf: signedIn.csrf,
        notice: Object.hasOwn(doneMessages, done) ? doneMessages[done]!(Number.isInteger(count) ? count : 0) : null,
        titleOf,
        urlOf: (id, commentId) => articleUrl(config.siteUrl, id, commentId),
        rebuild: deps.rebuildStatus?.() ?? null,
      }),
    );
  });

  app.post('/login', async (c) => {
    // A sign-in form on another site must not sign a browser in (login CSRF).
    const site = c.req.header('sec-fetch-site');
    if (site && site !== 'same-origin' && site !== 'none')
      return c.text('Sign in from the moderation page itself', 403);
    const form = await readForm(c);
    const pre = getCookie(c, signInCookie) ?? '';
    if (!pre || !(await sameText(form.get('csrf') ?? '', await csrfSigner.mac(`sign-in:${pre}`))))
      return c.redirect('/admin/?signin=expired', 303);
    const client = await hashClient(clientAddress(c, deps.peerAddress, config.trustProxy));
    const now = Date.now();
    // The attempt is counted before the token is compared: of any number at once, at most maxFailures are compared.
    const attempts = await store.countSignInAttempt(
      client,
      new Date(now).toISOString(),
      new Date(now - failureWindowMs).toISOString(),
    );
    if (attempts > maxFailures) {
      console.warn(
        `comments: admin sign-in refused: ${attempts - 1} tokens in 15 minutes from sender ${client.slice(0, 12)}`,
      );
      c.header('Retry-After', String(failureWindowMs / 1000));
      return c.redirect('/admin/?signin=wait', 303);
    }
    const token = form.get('token') ?? '';
    if (!(await sameText(token, config.adminToken!))) {
      console.warn(`comments: wrong admin token from sender ${client.slice(0, 12)} (${attempts} in 15 minutes)`);
      // Each wrong guess waits longer: 0.25 s, 0.5 s, 1 s … up to 4 s; the 11th in 15 minutes is refused.
      await sleep(Math.min(4000, 250 * 2 ** (attempts - 1)));
      return c.redirect('/admin/?signin=wrong', 303);
    }
    await store.clearSignInAttempts(client);
    const id = randomToken();
    const expires = new Date(now + sessionHours * 3_600_000);
    await store.createSession(await sha256(id), expires.toISOString());
    setCookie(c, cookieName, id, {
      path: '/admin',
      httpOnly: true,
      secure: overHttps(c),
      sameSite: 'Strict',
      expires,
      maxAge: sessionHours * 3600,
    });
    deleteCookie(c, signInCookie, { path: '/admin', secure: overHttps(c) });
    return c.redirect('/admin/', 303);
  });

  /** The rest needs a session and the CSRF token that belongs to it. */
  async function guarded(c: Context): Promise<{ form: URLSearchParams; csrf: string } | Response> {
    const signedIn = await session(c);
    if (!signedIn) return c.redirect('/admin/', 303);
    const form = await readForm(c);
    if (!(await sameText(form.get('csrf') ?? '', signedIn.csrf))) {
      return c.text('This form has expired: go back, reload the page and try again.', 403);
    }
    return { form, csrf: signedIn.csrf };
  }

  app.post('/logout', async (c) => {
    const checked = await guarded(c);
    if (checked instanceof Response) return checked;
    await store.deleteSession(await sha256(getCookie(c, cookieName)!));
    deleteCookie(c, cookieName, { path: '/admin', secure: overHttps(c) });
    return c.redirect('/admin/', 303);
  });

  app.post('/act', async (c) => {
    const checked = await guarded(c);
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
    const ids = (one !== undefined ? [one] : form.getAll('id')).filter((id) => commentIdPattern.test(id)).slice(0, 500);
    if (ids.length === 0) return returnWith('none');

    if (isAction(action)) {
      const status = actions[action];
      let changed = 0;
      for (const id of ids) if (await moderate(deps, id, status)) changed++;
      return returnWith(status, changed);
    }
    if (action === 'delete') {
      if (form.get('confirm') !== '1') return c.html(confirmDeletePage(ids, csrf, back));
      let deleted = 0;
      for (const id of ids) deleted += await deleteComment(deps, id);
      return returnWith('deleted', deleted);
    }
    if (action === 'block-email' || action === 'block-client') {
      const comment = await store.queueItem(ids[0]!);
      const value = action === 'block-email' ? comment?.email : comment?.clientHash;
      if (!value) return returnWith('none');
      await store.block(action === 'block-email' ? 'email' : 'client', value, new Date().toISOString());
      return returnWith('blocked', 1);
    }
    return c.text('Unknown action', 400);
  });

  app.get('/blocks', async (c) => {
    const signedIn = await session(c);
    if (!signedIn) return c.redirect('/admin/', 303);
    const done = c.req.query('done') ?? '';
    return c.html(
      blocksPage(
        await store.blocks(),
        signedIn.csrf,
        done === 'blocked' || done === 'unblocked' ? doneMessages[done]!(1) : null,
      ),
    );
  });

  app.post('/blocks', async (c) => {
    const checked = await guarded(c);
    if (checked instanceof Response) return checked;
    const email = (checked.form.get('email') ?? '').trim();
    if (!email || email.length > 254 || !email.includes('@')) return c.redirect('/admin/blocks', 303);
    await store.block('email', email, new Date().toISOString());
    return c.redirect('/admin/blocks?done=blocked', 303);
  });

  app.post('/blocks/remove', async (c) => {
    const checked = await guarded(c);
    if (checked instanceof Response) return checked;
    const kind = checked.form.get('kind');
    const value = checked.form.get('value') ?? '';
    if ((kind === 'email' || kind === 'client') && value) await store.unblock(kind, value);
    return c.redirect('/admin/blocks?done=unblocked', 303);
  });

  return app;
}
