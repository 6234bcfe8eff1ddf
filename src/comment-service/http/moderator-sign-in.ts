/**
 * Signing in to the moderation page: the admin token once, then a session cookie (HttpOnly,
 * SameSite=Strict, Secure over https, 12 hours) whose id is stored only as a hash. Each attempt is
 * counted before its token is compared, so that of any number sent at once at most 10 in 15
 * minutes are compared; wrong ones are logged and answered more slowly each time.
 */
import type { Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { ServiceConfig } from '../settings.ts';
import { createSigner, randomToken, sameText, sha256 } from '../signing.ts';
import type { SessionRecords } from '../store/store.ts';
import { addressHasher } from './client-address.ts';
import { signInPage } from './moderation-html.ts';
import { pageFormBytes } from './page-headers.ts';
import { clientAddress, formOf, type PeerAddress } from './request.ts';

export interface SignInDeps {
  store: SessionRecords;
  config: Pick<ServiceConfig, 'adminToken' | 'trustProxy'>;
  addressKey: string;
  peerAddress?: PeerAddress;
}

const sessionHours = 12;
const cookieName = 'comments_admin';
/** The sign-in form's own CSRF pair: a cookie, and a MAC of it in the form (login CSRF). */
const signInCookie = 'comments_signin';
const failureWindowMs = 15 * 60_000;
const maxFailures = 10;

const signInMessages: Record<string, string> = {
  wrong: 'That is not the admin token.',
  wait: 'Too many wrong tokens: please wait 15 minutes and try again.',
  expired: 'The sign-in form had expired: please enter the token again.',
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether the page was reached over https (directly, or as a proxy in front says). */
const overHttps = (c: Context) =>
  new URL(c.req.url).protocol === 'https:' ||
  (c.req.header('x-forwarded-proto') ?? '').split(',')[0]!.trim() === 'https';

/** Counts the attempt, refuses past the limit, compares the token (slowly when wrong): null when it is right. */
async function checkToken(c: Context, deps: SignInDeps, client: string, token: string): Promise<Response | null> {
  const { store, config } = deps;
  const now = Date.now();
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
  if (!(await sameText(token, config.adminToken!))) {
    console.warn(`comments: wrong admin token from sender ${client.slice(0, 12)} (${attempts} in 15 minutes)`);
    // Each wrong guess waits longer: 0.25 s, 0.5 s, 1 s … up to 4 s; the 11th in 15 minutes is refused.
    await sleep(Math.min(4000, 250 * 2 ** (attempts - 1)));
    return c.redirect('/admin/?signin=wrong', 303);
  }
  await store.clearSignInAttempts(client);
  return null;
}

export interface ModeratorSessions {
  /** The signed-in session of a request (with its CSRF token), or null. */
  session(c: Context): Promise<{ id: string; csrf: string } | null>;
  /** The sign-in page, with a fresh sign-in CSRF pair. */
  signInPage(c: Context): Promise<Response>;
  /** A form of a signed-in moderator with the session's CSRF token, or the answer that refuses it. */
  guarded(c: Context): Promise<{ form: URLSearchParams; csrf: string } | Response>;
}

/** Adds POST /login and /logout to `app`; returns what the other routes check sessions with. */
export function moderatorSignIn(app: Hono, deps: SignInDeps): ModeratorSessions {
  const { store, config } = deps;
  const csrfSigner = createSigner(deps.addressKey, 'admin-csrf');
  const hashClient = addressHasher(deps.addressKey);
  const readForm = (c: Context) => formOf(c, pageFormBytes);

  async function session(c: Context) {
    const id = getCookie(c, cookieName);
    if (!id || id.length > 100) return null;
    if (!(await store.hasSession(await sha256(id), new Date().toISOString()))) return null;
    return { id, csrf: await csrfSigner.mac(id) };
  }

  async function guarded(c: Context) {
    const signedIn = await session(c);
    if (!signedIn) return c.redirect('/admin/', 303);
    const form = await readForm(c);
    if (!(await sameText(form.get('csrf') ?? '', signedIn.csrf)))
      return c.text('This form has expired: go back, reload the page and try again.', 403);
    return { form, csrf: signedIn.csrf };
  }

  async function showSignIn(c: Context) {
    const error = c.req.query('signin');
    const pre = randomToken();
    setCookie(c, signInCookie, pre, {
      path: '/admin',
      httpOnly: true,
      secure: overHttps(c),
      sameSite: 'Strict',
      maxAge: 3600,
    });
    const message = error && Object.hasOwn(signInMessages, error) ? signInMessages[error]! : null;
    return c.html(signInPage(message, await csrfSigner.mac(`sign-in:${pre}`)), error === 'wait' ? 429 : 200);
  }

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
    const refused = await checkToken(c, deps, client, form.get('token') ?? '');
    if (refused) return refused;
    const id = randomToken();
    const expires = new Date(Date.now() + sessionHours * 3_600_000);
    await store.createSession(await sha256(id), expires.toISOString());
    const secure = overHttps(c);
    setCookie(c, cookieName, id, {
      path: '/admin',
      httpOnly: true,
      secure,
      sameSite: 'Strict',
      expires,
      maxAge: sessionHours * 3600,
    });
    deleteCookie(c, signInCookie, { path: '/admin', secure });
    return c.redirect('/admin/', 303);
  });

  app.post('/logout', async (c) => {
    const checked = await guarded(c);
    if (checked instanceof Response) return checked;
    await store.deleteSession(await sha256(getCookie(c, cookieName)!));
    deleteCookie(c, cookieName, { path: '/admin', secure: overHttps(c) });
    return c.redirect('/admin/', 303);
  });

  return { session, guarded, signInPage: showSignIn };
}
