/**
 * The comment service: one Hono app on Web-standard Request/Response, so the same handler runs
 * under Node (node.ts) and on Cloudflare Workers (worker.ts). Route groups by audience, each given
 * only what it uses: readers (http/public-routes.ts), moderators in a browser (http/moderation-page.ts
 * under /admin/), scripts with the bearer token (http/admin-api.ts under /api/), and links in
 * e-mails (http/mail-links.ts under /mail/). The protocol is in ../comments/protocol.ts. The newsletter
 * adds readers' subscriptions (http/subscriptions.ts) and the pages its mails link to
 * (http/newsletter-pages.ts under /newsletter/); its protocol is in ../newsletter/protocol.ts.
 */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ErrorResponse } from '../comments/protocol.ts';
import { adminApi, apiPrefix, deprecatedApiPrefix } from './http/admin-api.ts';
import { mailLinks } from './http/mail-links.ts';
import { moderationPage } from './http/moderation-page.ts';
import { newsletterApi } from './http/newsletter-api.ts';
import { newsletterPages } from './http/newsletter-pages.ts';
import { subscriptionRoutes } from './http/subscriptions.ts';
import { newsletterLinks, type NewsletterLinks } from './newsletter/links.ts';
import { publicRoutes } from './http/public-routes.ts';
import { BodyCutOff } from './http/request.ts';
import { requestSizeLimit } from './http/request-size.ts';
import { storageUnavailable } from './http/storage-answer.ts';
import { createNotifier, type Notifier } from './mail/notifications.ts';
import type { ServiceOptions } from './options.ts';
import { createSigner } from './signing.ts';
import { FaultLog, isStorageFault } from './store/storage-fault.ts';

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

/** The signed links of newsletter mails, to the service's public address. */
export const newsletterLinksFor = (options: Pick<ServiceOptions, 'addressKey' | 'config'>): NewsletterLinks =>
  newsletterLinks(options.addressKey, () => options.config.publicUrl ?? 'http://127.0.0.1:8787/');

export function createCommentService(options: ServiceOptions): Hono {
  const app = new Hono();
  const faults = options.faults ?? new FaultLog();
  const notifier = options.notifier ?? notifierFor(options);
  const { deployHook } = options;
  const moderation = {
    ...options,
    notifier,
    publicChanged: () => deployHook?.requested(),
    rebuildStatus: async () => (await deployHook?.status()) ?? null,
    rebuildsSite: deployHook !== undefined,
  };

  app.use('*', requestSizeLimit);
  app.use('*', async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
  });

  app.onError((error, c) => {
    if (error instanceof HTTPException) return error.getResponse();
    if (isStorageFault(error)) {
      faults.report(error);
      return storageUnavailable(c);
    }
    // The client hung up or sent less than it announced: nobody is left to answer, and it is not our error.
    if (error instanceof BodyCutOff)
      return c.json({ error: 'The request body was cut off' } satisfies ErrorResponse, 400);
    // Every expected failure is answered where it happens; this is the last line of defence.
    console.error('comments: unexpected error', error);
    return c.json({ error: 'Internal error' } satisfies ErrorResponse, 500);
  });
  app.notFound((c) => c.json({ error: `No such endpoint: ${c.req.method} ${new URL(c.req.url).pathname}` }, 404));

  app.route('/', publicRoutes({ ...options, faults, notifier }));
  app.route(`${apiPrefix}/newsletter`, newsletterApi(options));
  app.route(apiPrefix, adminApi(moderation));
  // The API's old paths, before the moderation page's: they answer without passing on.
  app.route(deprecatedApiPrefix, adminApi(moderation, true));
  // The page is /admin/ (relative links and a cookie path that fit); /admin goes there.
  app.get('/admin', (c) => c.redirect('/admin/', 301));
  app.route('/admin/', moderationPage(moderation));
  app.route('/mail', mailLinks(moderation));
  const links = newsletterLinksFor(options);
  app.route('/', subscriptionRoutes({ ...options, links }));
  app.route('/newsletter', newsletterPages({ ...options, links }));
  return app;
}
