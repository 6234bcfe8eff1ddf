/**
 * What readers' browsers call: health, the list of approved comments (also read by the build) and
 * posting a comment, by the site's script (JSON) or by a plain form post (303 back to the page).
 * Posts are accepted only from allowed origins: form posts are never preflighted, so the origin
 * check is the CSRF check.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { etag, RETAINED_304_HEADERS } from 'hono/etag';
import { fieldMessages } from '../messages.ts';
import {
  articleIdPattern,
  errorParam,
  honeypotField,
  idempotencyField,
  idempotencyKeyPattern,
  limits,
  redirectField,
  type ErrorResponse,
  type FieldName,
  type Outcome,
} from '../protocol.ts';
import { validateComment, type FieldErrors } from '../validation.ts';
import type { ServiceOptions } from './app.ts';
import { addressHasher, clientAddressOf } from './client-address.ts';
import { isStorageFault, type FaultLog } from './storage-fault.ts';

class HttpError extends Error {
  readonly status: 400 | 403 | 413 | 415;
  constructor(status: 400 | 403 | 413 | 415, message: string) {
    super(message);
    this.status = status;
  }
}

/** COMMENTS_RATE_LIMIT counts the comments stored from one client's network in this window. */
const rateLimitWindowMs = 60_000;

/** Seconds a client is asked to wait when the storage cannot serve. */
export const storageRetrySeconds = 30;

const wantsJson = (c: Context) => /application\/json/i.test(c.req.header('accept') ?? '');

function noStore(c: Context) {
  c.header('Cache-Control', 'no-store');
}

/** Reads the body as a flat record of fields; refuses types other than urlencoded and JSON. */
async function readFields(c: Context): Promise<Record<string, unknown>> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') {
    const params = new URLSearchParams(await c.req.text());
    const record: Record<string, unknown> = {};
    for (const [key, value] of params) if (!(key in record)) record[key] = value;
    return record;
  }
  if (type === 'application/json') {
    let body: unknown;
    try {
      body = JSON.parse(await c.req.text());
    } catch {
      throw new HttpError(400, 'The body is not valid JSON');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new HttpError(400, 'The body must be a JSON object of fields');
    }
    return body as Record<string, unknown>;
  }
  throw new HttpError(415, 'Send the comment as application/x-www-form-urlencoded or application/json');
}

function redirectBack(c: Context, target: URL, outcome: Outcome, extra: Record<string, string> = {}) {
  const url = new URL(target);
  url.searchParams.delete('comment');
  for (const key of [...url.searchParams.keys()]) if (key.startsWith('error.') || key === 'id') url.searchParams.delete(key);
  url.searchParams.set('comment', outcome);
  for (const [key, value] of Object.entries(extra)) url.searchParams.set(key, value);
  url.hash = `comments-${outcome}`;
  noStore(c);
  return c.redirect(url.href, 303);
}

function refuse(c: Context, status: 400 | 403 | 413 | 415 | 429 | 503, message: string) {
  noStore(c);
  return wantsJson(c) ? c.json({ error: message } satisfies ErrorResponse, status) : c.text(message, status);
}

/** The honeypot is filled only by a non-empty string: JSON null, false, 0 or "" are not bots. */
const honeypotFilled = (value: unknown) => typeof value === 'string' && value.trim() !== '';

export function publicRoutes({ store, config, peerAddress, addressKey, knownArticles }: ServiceOptions, faults: FaultLog): Hono {
  const app = new Hono();
  const allowed = new Set(config.allowedOrigins);
  const hashAddress = addressHasher(addressKey);

  const clientAddress = (c: Context) => clientAddressOf(peerAddress?.(c) ?? 'unknown', c.req.header('x-forwarded-for'), config.trustProxy);

  /**
   * Whether a POST comes from an allowed origin: by Origin; without it, a browser's
   * `Sec-Fetch-Site: same-origin` (the service's own pages) or a Referer on an allowed origin.
   * Anything else is refused.
   */
  function requestOrigin(c: Context): string | null {
    const origin = c.req.header('origin');
    if (origin !== undefined) return allowed.has(origin) ? origin : null;
    if (c.req.header('sec-fetch-site') === 'same-origin') return new URL(c.req.url).origin;
    const referer = c.req.header('referer');
    if (referer) {
      try {
        const refererOrigin = new URL(referer).origin;
        return allowed.has(refererOrigin) ? refererOrigin : null;
      } catch {
        return null;
      }
    }
    return null;
  }

  /** Where a form post goes back to: `redirect` (or the Referer) when it is on an allowed origin. */
  function returnUrl(c: Context, body: Record<string, unknown>): URL | null {
    for (const candidate of [body[redirectField], c.req.header('referer')]) {
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

  app.get('/health', async (c) => {
    noStore(c);
    try {
      await store.check(config.healthWrite);
      return c.json({ ok: true });
    } catch (error) {
      if (!isStorageFault(error)) throw error;
      faults.report(error);
      return c.json({ ok: false, error: 'The comment database cannot be used' }, 503);
    }
  });

  app.use(
    '/comments',
    cors({
      origin: (origin) => (allowed.has(origin) ? origin : null),
      allowMethods: ['GET', 'POST'],
      allowHeaders: ['Content-Type', 'Accept'],
      maxAge: 600,
    }),
  );

  // A 304 must keep the CORS header: without it a browser revalidating from a second allowed origin is refused.
  const revalidatingEtag = etag({ retainedHeaders: [...RETAINED_304_HEADERS, 'access-control-allow-origin'] });
  app.get('/comments', revalidatingEtag, async (c) => {
    const article = c.req.query('article');
    c.header('Cache-Control', 'public, max-age=30, must-revalidate');
    if (article !== undefined) {
      if (!articleIdPattern.test(article)) return c.json({ error: 'article must be an article id' } satisfies ErrorResponse, 400);
      return c.json({ article, comments: await store.approved(article) });
    }
    const limitText = c.req.query('limit');
    const limit = limitText === undefined ? limits.pageSize : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > limits.maxPageSize) {
      return c.json({ error: `limit must be a whole number from 1 to ${limits.maxPageSize}` } satisfies ErrorResponse, 400);
    }
    const page = await store.approvedPage(c.req.query('cursor') ?? null, limit);
    return c.json({ article: null, comments: page.items, next: page.next });
  });

  app.post(
    '/comments',
    async (c, next) => {
      if (!requestOrigin(c)) {
        return refuse(c, 403, 'This origin may not post comments (see COMMENTS_ALLOWED_ORIGINS)');
      }
      await next();
    },
    bodyLimit({
      maxSize: limits.bodyBytes,
      onError: (c) => refuse(c, 413, `The comment is too large: at most ${Math.round(limits.bodyBytes / 1024)} KB`),
    }),
    async (c) => {
      let body: Record<string, unknown>;
      try {
        body = await readFields(c);
      } catch (error) {
        if (error instanceof HttpError) return refuse(c, error.status, error.message);
        throw error;
      }
      const json = wantsJson(c);
      const target = json ? null : returnUrl(c, body);
      if (!json && !target) {
        return refuse(c, 400, `Form posts need a "${redirectField}" field (or a Referer) on an allowed origin to return to`);
      }

      // A filled honeypot is a bot: answer exactly as for an accepted comment, store nothing.
      if (honeypotFilled(body[honeypotField])) {
        const id = crypto.randomUUID();
        noStore(c);
        return json ? c.json({ id, status: 'pending' }, 201) : redirectBack(c, target!, 'pending', { id });
      }

      const result = validateComment(body);
      let errors: FieldErrors = result.ok ? {} : result.fields;
      let parent: string | null = null;
      if (result.ok && knownArticles && !knownArticles.has(result.value.article)) {
        errors = { article: fieldMessages.article };
      } else if (result.ok && result.value.parent) {
        const parentComment = await store.get(result.value.parent);
        if (!parentComment || parentComment.article !== result.value.article || parentComment.status !== 'approved') {
          errors = { parent: fieldMessages.parent };
        } else {
          // One level of replies: a reply to a reply joins the thread of the top comment.
          parent = parentComment.parent ?? parentComment.id;
        }
      }
      if (!result.ok || Object.keys(errors).length > 0) {
        noStore(c);
        if (json) return c.json({ error: 'Some fields need attention', fields: errors } satisfies ErrorResponse, 422);
        const extra = Object.fromEntries(
          (Object.entries(errors) as [FieldName, string][]).map(([field, message]) => [errorParam(field), message]),
        );
        return redirectBack(c, target!, 'invalid', extra);
      }

      const key = body[idempotencyField];
      const now = Date.now();
      let stored;
      try {
        stored = await store.insert(
          {
            ...result.value,
            parent,
            id: crypto.randomUUID(),
            status: config.moderation === 'off' ? 'approved' : 'pending',
            ipHash: await hashAddress(clientAddress(c)),
            createdAt: new Date(now).toISOString(),
            idempotencyKey: typeof key === 'string' && idempotencyKeyPattern.test(key) ? key : null,
          },
          { max: config.rateLimit, since: new Date(now - rateLimitWindowMs).toISOString() },
        );
      } catch (error) {
        if (!isStorageFault(error)) throw error;
        faults.report(error);
        if (!json) return redirectBack(c, target!, 'error');
        c.header('Retry-After', String(storageRetrySeconds));
        return refuse(c, 503, 'Comments cannot be stored right now: please try again in a little while');
      }
      if ('rateLimited' in stored) {
        const retryAfter = Math.max(1, Math.ceil((Date.parse(stored.oldest) + rateLimitWindowMs - now) / 1000));
        c.header('Retry-After', String(retryAfter));
        return refuse(c, 429, `Too many comments from your address: please wait ${retryAfter} seconds and try again`);
      }
      const { id, status } = stored;
      const shown = status === 'approved' ? 'approved' : 'pending';
      noStore(c);
      return json ? c.json({ id, status: shown }, 201) : redirectBack(c, target!, shown, { id });
    },
  );

  return app;
}
