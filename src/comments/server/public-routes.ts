/**
 * What readers' browsers call: health, the list of approved comments (also read by the build) and
 * posting a comment, by the site's script (JSON) or by a plain form post (303 back to the page).
 * Posts are accepted only from allowed origins: form posts are never preflighted, so the origin
 * check is the CSRF check.
 */
import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import { etag, RETAINED_304_HEADERS } from 'hono/etag';
import { fieldMessages, refusalMessages } from '../messages.ts';
import {
  articleIdPattern,
  elapsedField,
  errorParam,
  honeypotField,
  idempotencyField,
  idempotencyKeyPattern,
  limits,
  redirectField,
  type CommentStatus,
  type ErrorResponse,
  type FieldName,
  type Outcome,
} from '../protocol.ts';
import { validateComment, type FieldErrors } from '../validation.ts';
import type { ServiceOptions } from './app.ts';
import { addressHasher, clientAddressOf } from './client-address.ts';
import { articleUrl, type Notifier } from './notifications.ts';
import { isBrowserNavigation, linkCount, postedTooSoon, spamVerdict } from './spam.ts';
import { isStorageFault, type FaultLog } from './storage-fault.ts';
import type { RateLimited } from './store.ts';

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

const formType = 'application/x-www-form-urlencoded';
const contentType = (c: Context) => (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();

function formFields(text: string): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) if (!(key in record)) record[key] = value;
  return record;
}

interface BodyRead {
  fields: Record<string, unknown> | null;
  /** Fields from the start of a body that was too large or unreadable (where a form's hidden fields are). */
  prefixFields: Record<string, unknown>;
  tooLarge: boolean;
  error: HttpError | null;
}

const prefixBytes = 8192;

/**
 * Reads the body, at most `maxBytes`, as a flat record of fields; refuses types other than
 * urlencoded and JSON. Even a refused form post keeps what its first bytes say (the article and
 * where to return to), so the reader is sent back to the article with a notice, not to a bare page.
 */
async function readBody(c: Context, maxBytes: number): Promise<BodyRead> {
  const type = contentType(c);
  const chunks: Uint8Array[] = [];
  let size = 0;
  let tooLarge = Number(c.req.header('content-length') ?? 0) > maxBytes;
  const reader = c.req.raw.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size < prefixBytes || !tooLarge) chunks.push(value);
    size += value.byteLength;
    if (size > maxBytes) tooLarge = true;
    if (tooLarge && size >= prefixBytes) {
      await reader.cancel().catch(() => undefined);
      break;
    }
  }
  const bytes = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) (bytes.set(chunk, offset), (offset += chunk.byteLength));
  const text = new TextDecoder().decode(tooLarge ? bytes.subarray(0, prefixBytes) : bytes);
  const result: BodyRead = { fields: null, prefixFields: {}, tooLarge, error: null };
  if (type === formType) {
    // The last field of a cut-off body may be cut too: only whole fields count.
    result.prefixFields = formFields(tooLarge ? text.slice(0, Math.max(0, text.lastIndexOf('&'))) : text);
    if (!tooLarge) result.fields = result.prefixFields;
  } else if (type === 'multipart/form-data') {
    // Not a form the site makes, but a form: return to the article it came from, if it says so.
    if (!tooLarge) {
      try {
        const data = await new Request('http://body.invalid/', {
          method: 'POST',
          headers: { 'content-type': c.req.header('content-type')! },
          body: bytes,
        }).formData();
        for (const [key, value] of data)
          if (typeof value === 'string' && !(key in result.prefixFields)) result.prefixFields[key] = value;
      } catch {
        // unreadable: nothing to return to but the Referer
      }
    }
    result.error = new HttpError(415, 'Send the comment as application/x-www-form-urlencoded or application/json');
  } else if (type === 'application/json') {
    if (!tooLarge) {
      try {
        const body: unknown = JSON.parse(text);
        if (typeof body !== 'object' || body === null || Array.isArray(body)) {
          result.error = new HttpError(400, 'The body must be a JSON object of fields');
        } else {
          result.fields = body as Record<string, unknown>;
        }
      } catch {
        result.error = new HttpError(400, 'The body is not valid JSON');
      }
    }
  } else {
    result.error = new HttpError(415, 'Send the comment as application/x-www-form-urlencoded or application/json');
  }
  return result;
}

function redirectBack(c: Context, target: URL, outcome: Outcome, extra: Record<string, string> = {}) {
  const url = new URL(target);
  url.searchParams.delete('comment');
  for (const key of [...url.searchParams.keys()])
    if (key.startsWith('error.') || key === 'id') url.searchParams.delete(key);
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

/** How long the outside spam check (Akismet) may take before the comment goes to the queue unchecked. */
const spamCheckTimeoutMs = 4000;

export function publicRoutes(
  { store, config, peerAddress, addressKey, knownArticles, spamCheck }: ServiceOptions,
  faults: FaultLog,
  notifier: Notifier,
): Hono {
  const app = new Hono();
  const allowed = new Set(config.allowedOrigins);
  const hashAddress = addressHasher(addressKey);

  const clientAddress = (c: Context) =>
    clientAddressOf(peerAddress?.(c) ?? 'unknown', c.req.header('x-forwarded-for'), config.trustProxy);

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
      if (!articleIdPattern.test(article))
        return c.json({ error: 'article must be an article id' } satisfies ErrorResponse, 400);
      return c.json({ article, comments: await store.approved(article) });
    }
    const limitText = c.req.query('limit');
    const limit = limitText === undefined ? limits.pageSize : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > limits.maxPageSize) {
      return c.json(
        { error: `limit must be a whole number from 1 to ${limits.maxPageSize}` } satisfies ErrorResponse,
        400,
      );
    }
    const page = await store.approvedPage(c.req.query('cursor') ?? null, limit);
    return c.json({ article: null, comments: page.items, next: page.next });
  });

  /** A refusal: a form post goes back to the article with its notice when it can; otherwise a 4xx with the message. */
  function refuseOrReturn(
    c: Context,
    target: URL | null,
    status: 400 | 403 | 413 | 415 | 429,
    message: string,
    outcome: Outcome,
  ) {
    return !wantsJson(c) && target ? redirectBack(c, target, outcome) : refuse(c, status, message);
  }

  app.post('/comments', async (c) => {
    const read = await readBody(c, limits.bodyBytes);
    const json = wantsJson(c);
    // What the refusals before the fields are read can return to: the form's `redirect`, even from
    // the start of a body too large, or the Referer.
    const early = json ? null : returnUrl(c, read.fields ?? read.prefixFields);
    if (!requestOrigin(c)) {
      return refuseOrReturn(
        c,
        early,
        403,
        'This origin may not post comments (see COMMENTS_ALLOWED_ORIGINS)',
        'forbidden',
      );
    }
    if (read.tooLarge) {
      return refuseOrReturn(
        c,
        early,
        413,
        `The comment is too large: at most ${Math.round(limits.bodyBytes / 1024)} KB`,
        'toolarge',
      );
    }
    if (read.error)
      return refuseOrReturn(
        c,
        early,
        read.error.status,
        read.error.message,
        read.error.status === 415 ? 'unsupported' : 'forbidden',
      );
    const body = read.fields!;
    const target = early;
    if (!json && !target) {
      return refuse(
        c,
        400,
        `Form posts need a "${redirectField}" field (or a Referer) on an allowed origin to return to`,
      );
    }

    const address = clientAddress(c);

    // A filled honeypot is a bot: answer exactly as for an accepted comment, store nothing.
    if (honeypotFilled(body[honeypotField])) {
      const id = crypto.randomUUID();
      noStore(c);
      return json ? c.json({ id, status: 'pending' }, 201) : redirectBack(c, target!, 'pending', { id });
    }

    if (postedTooSoon(body, config.minSubmitSeconds)) {
      c.header('Retry-After', String(config.minSubmitSeconds));
      return refuseOrReturn(c, target, 429, refusalMessages.toofast, 'toofast');
    }

    const result = validateComment(body);
    let errors: FieldErrors = result.ok ? {} : result.fields;
    let parent: string | null = null;
    const key =
      typeof body[idempotencyField] === 'string' && idempotencyKeyPattern.test(body[idempotencyField])
        ? body[idempotencyField]
        : null;
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
    if (result.ok && Object.keys(errors).length === 0) {
      if (linkCount(result.value.comment) > config.maxLinks) {
        errors = { comment: refusalMessages.toomanylinks };
      } else if (
        config.duplicateHours > 0 &&
        (await store.hasDuplicate(
          result.value.article,
          result.value.comment,
          new Date(Date.now() - config.duplicateHours * 3_600_000).toISOString(),
          key,
        ))
      ) {
        errors = { comment: refusalMessages.duplicate };
      }
    }
    if (!result.ok || Object.keys(errors).length > 0) {
      noStore(c);
      if (json) return c.json({ error: 'Some fields need attention', fields: errors } satisfies ErrorResponse, 422);
      // Refusals of the text as a whole get a notice of their own: without the script, field messages are not shown.
      if (errors.comment === refusalMessages.duplicate) return redirectBack(c, target!, 'duplicate');
      if (errors.comment === refusalMessages.toomanylinks) return redirectBack(c, target!, 'toomanylinks');
      const extra = Object.fromEntries(
        (Object.entries(errors) as [FieldName, string][]).map(([field, message]) => [errorParam(field), message]),
      );
      return redirectBack(c, target!, 'invalid', extra);
    }

    const ipHash = await hashAddress(address);
    const comment = result.value;
    const rateLimit = () => ({ max: config.rateLimit, since: new Date(Date.now() - rateLimitWindowMs).toISOString() });
    let status: CommentStatus = config.moderation === 'off' ? 'approved' : 'pending';
    if (await store.isBlocked(comment.email, ipHash)) {
      status = 'spam';
    } else if (spamCheck) {
      // A sender over the limit is refused before Akismet is asked (and paid for); insert checks again.
      const limited = await store.rateLimitReached(ipHash, rateLimit());
      if (limited) return tooManyComments(c, target, limited);
      const verdict = await spamVerdict(
        spamCheck,
        {
          ...comment,
          articleUrl: target?.href ?? articleUrl(config.siteUrl, comment.article) ?? comment.article,
          clientAddress: address,
          userAgent: c.req.header('user-agent') ?? '',
          referrer: c.req.header('referer') ?? '',
        },
        spamCheckTimeoutMs,
        (reason) => console.error(`comments: spam check failed, the comment waits for moderation: ${reason}`),
      );
      if (verdict === 'spam') status = 'spam';
      else if (verdict === 'unknown') status = 'pending';
    }
    // A form post is published at once only when a person plainly sent it: the page's script said
    // how long they took, or the browser says a person pressed the form's button. Anything else waits.
    if (
      status === 'approved' &&
      !json &&
      body[elapsedField] === undefined &&
      !isBrowserNavigation((name) => c.req.header(name))
    )
      status = 'pending';

    const now = Date.now();
    let stored;
    try {
      stored = await store.insert(
        {
          ...comment,
          parent,
          id: crypto.randomUUID(),
          status,
          ipHash,
          createdAt: new Date(now).toISOString(),
          idempotencyKey: key,
        },
        rateLimit(),
      );
    } catch (error) {
      if (!isStorageFault(error)) throw error;
      faults.report(error);
      if (!json) return redirectBack(c, target!, 'error');
      c.header('Retry-After', String(storageRetrySeconds));
      return refuse(c, 503, 'Comments cannot be stored right now: please try again in a little while');
    }
    if ('rateLimited' in stored) return tooManyComments(c, target, stored);
    const { id } = stored;
    if (!stored.repeated) await afterStored(id, stored.status);
    // Spam is told it waits, like everyone else.
    const shown = stored.status === 'approved' ? 'approved' : 'pending';
    noStore(c);
    return json ? c.json({ id, status: shown }, 201) : redirectBack(c, target!, shown, { id });
  });

  function tooManyComments(c: Context, target: URL | null, limited: RateLimited) {
    const retryAfter = Math.max(1, Math.ceil((Date.parse(limited.oldest) + rateLimitWindowMs - Date.now()) / 1000));
    c.header('Retry-After', String(retryAfter));
    return refuseOrReturn(
      c,
      target,
      429,
      `Too many comments from your address: please wait ${retryAfter} seconds and try again`,
      'toofast',
    );
  }

  /** Mail follows a stored comment, and never undoes it: a failure to queue a mail is logged. */
  async function afterStored(id: string, status: CommentStatus) {
    try {
      if (status === 'pending') {
        const item = await store.queueItem(id);
        if (item) await notifier.commentWaiting(item);
      } else if (status === 'approved') {
        await notifier.commentApproved(id);
      }
    } catch (error) {
      if (!isStorageFault(error)) throw error;
      faults.report(error);
    }
  }

  return app;
}
