/**
 * The newsletter's endpoint for readers' browsers: GET /subscriptions says whether subscriptions are
 * taken and which rhythms are offered (the site's build asks it); POST /subscriptions with `email`,
 * the honeypot and optionally `rhythm` records a pending subscription and queues the confirmation
 * mail. Posts come only from allowed origins (the CSRF check, as for comments), are counted per
 * client network (COMMENTS_NEWSLETTER_SUBSCRIBE_LIMIT an hour), and an address gets at most one
 * confirmation a day. Every accepted address gets the same answer, whether it was known or not.
 * A script asking for JSON gets JSON; a form post gets a 303 back to its page with the outcome.
 */
import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import { isValidEmail } from '../../comments/validation.ts';
import {
  isRhythm,
  noticeId,
  outcomeMessages,
  subscribeFields,
  type NewsletterStatus,
  type Rhythm,
  type SubscribeAnswer,
  type SubscribeOutcome,
} from '../../newsletter/protocol.ts';
import type { NewsletterLinks } from '../newsletter/links.ts';
import { confirmationMail } from '../newsletter/mails.ts';
import type { NewsletterSettings, ServiceConfig } from '../settings.ts';
import type { NewsletterRecords } from '../store/newsletter-records.ts';
import type { MailRecords } from '../store/store.ts';
import { addressHasher } from './client-address.ts';
import { readCommentBody } from './comment-body.ts';
import { clientAddress, noStore, wantsJson, type PeerAddress } from './request.ts';

export interface SubscriptionDeps {
  store: Pick<NewsletterRecords, 'subscribe' | 'countSubscribeAttempt'> & Pick<MailRecords, 'enqueueMail'>;
  config: Pick<ServiceConfig, 'allowedOrigins' | 'trustProxy'> & { newsletter: NewsletterSettings };
  addressKey: string;
  links: NewsletterLinks;
  peerAddress?: PeerAddress;
  onMailQueued?: () => void;
}

const bodyBytes = 4096;
const hourMs = 3600_000;
const dayMs = 24 * hourMs;

const statuses: Record<SubscribeOutcome, 202 | 400 | 403 | 429 | 503> = {
  'check-inbox': 202,
  invalid: 400,
  limited: 429,
  closed: 503,
};

/** The first candidate that is a URL on an allowed origin: where a form post goes back to. */
function returnUrl(allowed: Set<string>, candidates: unknown[]): URL | null {
  for (const candidate of candidates) {
    if (typeof candidate !== 'string') continue;
    try {
      const url = new URL(candidate);
      if (allowed.has(url.origin)) return url;
    } catch {
      // not a URL: try the next one
    }
  }
  return null;
}

export function subscriptionRoutes(deps: SubscriptionDeps): Hono {
  const { store, config } = deps;
  const settings = config.newsletter;
  const app = new Hono();
  const allowed = new Set(config.allowedOrigins);
  const hashAddress = addressHasher(deps.addressKey);

  app.use(
    '/subscriptions',
    cors({
      origin: (origin) => (allowed.has(origin) ? origin : null),
      allowMethods: ['GET', 'POST'],
      allowHeaders: ['Content-Type', 'Accept'],
      maxAge: 600,
    }),
  );

  app.get('/subscriptions', (c) => {
    c.header('Cache-Control', 'public, max-age=60');
    return c.json({
      enabled: settings.enabled,
      rhythms: settings.rhythms,
      defaultRhythm: settings.defaultRhythm,
    } satisfies NewsletterStatus);
  });

  app.post('/subscriptions', async (c) => {
    noStore(c);
    const body = await readCommentBody(c, bodyBytes);
    const fields = body.fields ?? body.prefixFields;
    const back = returnUrl(allowed, [fields[subscribeFields.redirect], c.req.header('referer')]);
    const answer = (outcome: SubscribeOutcome) => reply(c, outcome, back);
    const origin = c.req.header('origin');
    const fromAllowed =
      origin !== undefined ? allowed.has(origin) : returnUrl(allowed, [c.req.header('referer')]) !== null;
    if (!fromAllowed) return c.json({ error: 'This origin may not subscribe (see COMMENTS_ALLOWED_ORIGINS)' }, 403);
    if (!settings.enabled) return answer('closed');
    const request = body.refusal || body.tooLarge || !body.fields ? null : subscriptionOf(body.fields, settings);
    if (request === null) return answer('invalid');
    // A bot that filled the honeypot is told what a person is told, and nothing is stored or sent.
    if (request === 'bot') return answer('check-inbox');
    const now = Date.now();
    if (settings.subscribeLimit > 0) {
      const client = await hashAddress(clientAddress(c, deps.peerAddress, config.trustProxy));
      const attempts = await store.countSubscribeAttempt(
        client,
        new Date(now).toISOString(),
        new Date(now - hourMs).toISOString(),
      );
      if (attempts > settings.subscribeLimit) return answer('limited');
    }
    await subscribe(deps, request, now);
    return answer('check-inbox');
  });

  return app;
}

/** The address and rhythm asked for; null when either is not valid; 'bot' when the honeypot is filled. */
function subscriptionOf(
  fields: Record<string, unknown>,
  settings: NewsletterSettings,
): { email: string; rhythm: Rhythm } | 'bot' | null {
  const emailField = fields[subscribeFields.email];
  const email = typeof emailField === 'string' ? emailField.trim() : '';
  const rhythmField = fields[subscribeFields.rhythm];
  const rhythm = rhythmField === undefined || rhythmField === '' ? settings.defaultRhythm : rhythmField;
  if (!isValidEmail(email) || !isRhythm(rhythm) || !settings.rhythms.includes(rhythm)) return null;
  const honeypot = fields[subscribeFields.honeypot];
  return typeof honeypot === 'string' && honeypot.trim() !== '' ? 'bot' : { email, rhythm };
}

/** Records the subscription and queues the confirmation mail when one is due. */
async function subscribe(deps: SubscriptionDeps, request: { email: string; rhythm: Rhythm }, now: number) {
  const at = new Date(now).toISOString();
  const { subscriber, sendConfirmation } = await deps.store.subscribe(
    { id: crypto.randomUUID(), ...request, at },
    new Date(now - dayMs).toISOString(),
  );
  if (!sendConfirmation) return;
  const mail = confirmationMail(deps.config.newsletter.name, await deps.links.url('confirm', subscriber.id, now));
  const queued = await deps.store.enqueueMail(
    { ...mail, to: subscriber.email, headers: {}, dedupeKey: `nl:${subscriber.id}:confirm:${at}`, commentIds: [] },
    at,
  );
  if (queued) deps.onMailQueued?.();
}

/** JSON to a script; to a form post, a 303 back to its page, to the box's notice (JSON when there is no page to go back to). */
function reply(c: Context, outcome: SubscribeOutcome, back: URL | null): Response {
  const status = statuses[outcome];
  if (wantsJson(c) || back === null)
    return c.json({ outcome, message: outcomeMessages[outcome] } satisfies SubscribeAnswer, status);
  back.hash = noticeId(outcome);
  return c.redirect(back.href, 303);
}
