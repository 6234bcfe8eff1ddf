/**
 * The reference comment service: one Hono app on Web-standard Request/Response, so the same
 * handler runs under Node (node.ts) and on serverless or edge runtimes. The protocol is in
 * protocol.ts and the README's "Comments" section.
 */
import { Hono, type Context } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { etag, RETAINED_304_HEADERS } from 'hono/etag';
import { HTTPException } from 'hono/http-exception';
import type { ServiceConfig } from './config.ts';
import { fieldMessages } from './messages.ts';
import {
  articleIdPattern,
  commentIdPattern,
  errorParam,
  honeypotField,
  limits,
  redirectField,
  statuses,
  type CommentStatus,
  type ErrorResponse,
  type FieldName,
  type Outcome,
} from './protocol.ts';
import { RateLimiter } from './rate-limit.ts';
import type { CommentStore } from './store.ts';
import { validateComment, type FieldErrors } from './validation.ts';

export interface ServiceOptions {
  store: CommentStore;
  config: Pick<ServiceConfig, 'allowedOrigins' | 'adminToken' | 'moderation' | 'rateLimit' | 'trustProxy'>;
  /** The connecting peer's address (the runtime knows it; Request does not). */
  peerAddress?: (c: Context) => string | undefined;
}

class HttpError extends Error {
  readonly status: 400 | 403 | 413 | 415;
  constructor(status: 400 | 403 | 413 | 415, message: string) {
    super(message);
    this.status = status;
  }
}

const bytesToHex = (bytes: ArrayBuffer) =>
  [...new Uint8Array(bytes)].map((byte) => byte.toString(16).padStart(2, '0')).join('');

export function createCommentService({ store, config, peerAddress }: ServiceOptions): Hono {
  const app = new Hono();
  const allowed = new Set(config.allowedOrigins);
  const limiter = new RateLimiter(config.rateLimit);
  let hashKey: Promise<CryptoKey> | null = null;

  /** Client addresses are stored only as an HMAC keyed with a secret kept in the store. */
  async function hashAddress(address: string): Promise<string> {
    hashKey ??= store
      .secret()
      .then((secret) =>
        crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']),
      );
    return bytesToHex(await crypto.subtle.sign('HMAC', await hashKey, new TextEncoder().encode(address)));
  }

  /** The peer address, or (behind `trustProxy` proxies) the address the nearest trusted proxy saw. */
  function clientAddress(c: Context): string {
    const peer = peerAddress?.(c) ?? 'unknown';
    if (config.trustProxy <= 0) return peer;
    const forwarded = (c.req.header('x-forwarded-for') ?? '').split(',').map((part) => part.trim()).filter(Boolean);
    return forwarded[forwarded.length - config.trustProxy] ?? forwarded[0] ?? peer;
  }

  /**
   * Whether a POST comes from an allowed origin: by Origin; without it, a browser's
   * `Sec-Fetch-Site: same-origin` (the service's own pages) or a Referer on an allowed origin.
   * Anything else is refused: form posts are never preflighted, so this is the CSRF check.
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

  const wantsJson = (c: Context) => /application\/json/i.test(c.req.header('accept') ?? '');

  function noStore(c: Context) {
    c.header('Cache-Control', 'no-store');
  }

  app.use('*', async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
  });

  app.onError((error, c) => {
    if (error instanceof HTTPException) return error.getResponse();
    // Every expected failure is answered where it happens; this is the last line of defence.
    console.error('comments: unexpected error', error);
    return c.json({ error: 'Internal error' } satisfies ErrorResponse, 500);
  });
  app.notFound((c) => c.json({ error: `No such endpoint: ${c.req.method} ${new URL(c.req.url).pathname}` }, 404));

  app.get('/health', (c) => {
    noStore(c);
    return c.json({ ok: true });
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

  function refuse(c: Context, status: 400 | 403 | 413 | 415 | 429, message: string) {
    noStore(c);
    return wantsJson(c) ? c.json({ error: message } satisfies ErrorResponse, status) : c.text(message, status);
  }

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
      onError: (c) => refuse(c, 413, `The comment is too large: at most ${limits.bodyBytes / 1024} KB`),
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

      const address = clientAddress(c);
      const retryAfter = limiter.hit(address);
      if (retryAfter > 0) {
        c.header('Retry-After', String(retryAfter));
        return refuse(c, 429, `Too many comments from your address: please wait ${retryAfter} seconds and try again`);
      }

      // A filled honeypot is a bot: answer exactly as for an accepted comment, store nothing.
      const honeypot = body[honeypotField];
      if (honeypot !== undefined && honeypot !== '') {
        const id = crypto.randomUUID();
        noStore(c);
        return json ? c.json({ id, status: 'pending' }, 201) : redirectBack(c, target!, 'pending', { id });
      }

      const result = validateComment(body);
      let errors: FieldErrors = result.ok ? {} : result.fields;
      let parent: string | null = null;
      if (result.ok && result.value.parent) {
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

      const status = config.moderation === 'off' ? 'approved' : 'pending';
      const id = crypto.randomUUID();
      await store.insert({
        ...result.value,
        parent,
        id,
        status,
        ipHash: await hashAddress(address),
        createdAt: new Date().toISOString(),
      });
      noStore(c);
      return json ? c.json({ id, status }, 201) : redirectBack(c, target!, status, { id });
    },
  );

  // Moderation: bearer token only (never cookies), so no CSRF exposure and no CORS.
  app.use('/admin/*', async (c, next) => {
    noStore(c);
    if (!config.adminToken) {
      return c.json({ error: 'Moderation is disabled: start the service with COMMENTS_ADMIN_TOKEN set' } satisfies ErrorResponse, 503);
    }
    return bearerAuth({
      token: config.adminToken,
      invalidTokenMessage: { error: 'Invalid admin token' },
      noAuthenticationHeaderMessage: { error: 'Send Authorization: Bearer <COMMENTS_ADMIN_TOKEN>' },
      invalidAuthenticationHeaderMessage: { error: 'Send Authorization: Bearer <COMMENTS_ADMIN_TOKEN>' },
    })(c, next);
  });

  app.get('/admin/comments', async (c) => {
    const status = (c.req.query('status') ?? 'pending') as CommentStatus;
    if (!statuses.includes(status)) return c.json({ error: `status must be one of ${statuses.join(', ')}` }, 400);
    return c.json({ status, comments: await store.byStatus(status) });
  });

  const actions = { approve: 'approved', reject: 'rejected', spam: 'spam' } as const satisfies Record<string, CommentStatus>;
  app.post('/admin/comments/:id/:action', async (c) => {
    const { id, action } = c.req.param();
    if (!(action in actions)) return c.json({ error: 'action must be approve, reject or spam' }, 404);
    if (!commentIdPattern.test(id)) return c.json({ error: 'No such comment' }, 404);
    const status = actions[action as keyof typeof actions];
    if (!(await store.setStatus(id, status))) return c.json({ error: 'No such comment' }, 404);
    return c.json({ id, status });
  });

  app.delete('/admin/comments/:id', async (c) => {
    const id = c.req.param('id');
    const deleted = commentIdPattern.test(id) ? await store.delete(id) : 0;
    return deleted > 0 ? c.json({ deleted }) : c.json({ error: 'No such comment' }, 404);
  });

  // Privacy requests: DELETE /admin/comments?email=someone@example.com
  app.delete('/admin/comments', async (c) => {
    const email = c.req.query('email')?.trim();
    if (!email) return c.json({ error: 'Give the email address: DELETE /admin/comments?email=...' }, 400);
    return c.json({ deleted: await store.deleteByEmail(email) });
  });

  app.get('/admin/export', async (c) => c.json({ exportedAt: new Date().toISOString(), comments: await store.all() }));

  return app;
}
