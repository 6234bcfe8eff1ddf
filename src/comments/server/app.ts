/**
 * The reference comment service: one Hono app on Web-standard Request/Response, so the same
 * handler runs under Node (main.ts) and on serverless or edge runtimes. Readers' routes
 * (public-routes.ts) and moderators' routes (admin-routes.ts) are separate apps because they
 * trust different things: an allowed origin, or a bearer token. The protocol is in
 * ../protocol.ts and the README's "Comments" section.
 */
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ErrorResponse } from '../protocol.ts';
import { adminRoutes } from './admin-routes.ts';
import { mailRoutes } from './mail-routes.ts';
import { moderationRoutes } from './moderation-routes.ts';
import { createNotifier, type Notifier } from './notifications.ts';
import { publicRoutes, storageRetrySeconds } from './public-routes.ts';
import type { ServiceConfig } from './settings.ts';
import { createSigner } from './signing.ts';
import type { SpamCheck } from './spam.ts';
import { FaultLog, isStorageFault } from './storage-fault.ts';
import type { CommentStore } from './store.ts';

export interface ServiceOptions {
  store: CommentStore;
  config: Pick<
    ServiceConfig,
    | 'allowedOrigins'
    | 'adminToken'
    | 'moderation'
    | 'rateLimit'
    | 'trustProxy'
    | 'healthWrite'
    | 'smtpUrl'
    | 'moderatorEmails'
    | 'mailDigestMinutes'
    | 'siteUrl'
    | 'publicUrl'
    | 'maxLinks'
    | 'minSubmitSeconds'
    | 'duplicateHours'
  >;
  /** Key for hashing client addresses, kept outside the store. */
  addressKey: string;
  /** The connecting peer's address (the runtime knows it; Request does not). */
  peerAddress?: (c: Context) => string | undefined;
  /** The articles that take comments (and their headlines); without it any valid article id does. */
  knownArticles?: { has(article: string): boolean; title?(article: string): string | undefined };
  /** An outside spam check (Akismet), made by the runtime's entry point. */
  spamCheck?: SpamCheck;
  /** Writes the e-mails into the outbox; made by notifierFor unless the entry point made it (to send digests). */
  notifier?: Notifier;
  /** Called when a mail was queued, so the runtime can send it soon. */
  onMailQueued?: () => void;
  /** Where storage faults are logged, one line per distinct reason per minute. */
  faults?: FaultLog;
}

/** The notifier of a service: mail goes into the outbox only when COMMENTS_SMTP_URL is set. */
export function notifierFor(options: ServiceOptions): Notifier {
  const { config } = options;
  const serviceUrl = () => config.publicUrl ?? 'http://127.0.0.1:8787/';
  return createNotifier(
    options.store,
    createSigner(options.addressKey, 'mail-links'),
    {
      enabled: config.smtpUrl !== null,
      moderatorEmails: config.moderatorEmails,
      digestMinutes: config.mailDigestMinutes,
      siteUrl: config.siteUrl,
      serviceUrl,
    },
    options.knownArticles?.title ? { title: (article) => options.knownArticles!.title!(article) } : undefined,
    options.onMailQueued ?? (() => undefined),
  );
}

export function createCommentService(options: ServiceOptions): Hono {
  const app = new Hono();
  const faults = options.faults ?? new FaultLog();
  const notifier = options.notifier ?? notifierFor(options);

  app.use('*', async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
  });

  app.onError((error, c) => {
    if (error instanceof HTTPException) return error.getResponse();
    if (isStorageFault(error)) {
      faults.report(error);
      c.header('Retry-After', String(storageRetrySeconds));
      c.header('Cache-Control', 'no-store');
      return c.json({ error: 'The comment database cannot be used right now' } satisfies ErrorResponse, 503);
    }
    // Every expected failure is answered where it happens; this is the last line of defence.
    console.error('comments: unexpected error', error);
    return c.json({ error: 'Internal error' } satisfies ErrorResponse, 500);
  });
  app.notFound((c) => c.json({ error: `No such endpoint: ${c.req.method} ${new URL(c.req.url).pathname}` }, 404));

  app.route('/', publicRoutes(options, faults, notifier));
  // The page is /admin/ (relative links and a cookie path that fit); /admin goes there.
  app.get('/admin', (c) => c.redirect('/admin/', 301));
  app.route('/admin/', moderationRoutes(options, notifier));
  app.route('/admin', adminRoutes(options, notifier));
  app.route('/mail', mailRoutes(options, notifier));
  return app;
}
