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
import { publicRoutes, storageRetrySeconds } from './public-routes.ts';
import type { ServiceConfig } from './settings.ts';
import { FaultLog, isStorageFault } from './storage-fault.ts';
import type { CommentStore } from './store.ts';

export interface ServiceOptions {
  store: CommentStore;
  config: Pick<ServiceConfig, 'allowedOrigins' | 'adminToken' | 'moderation' | 'rateLimit' | 'trustProxy' | 'healthWrite'>;
  /** Key for hashing client addresses, kept outside the store. */
  addressKey: string;
  /** The connecting peer's address (the runtime knows it; Request does not). */
  peerAddress?: (c: Context) => string | undefined;
  /** The articles that take comments; without it any valid article id does. */
  knownArticles?: { has(article: string): boolean };
  /** Where storage faults are logged, one line per distinct reason per minute. */
  faults?: FaultLog;
}

export function createCommentService(options: ServiceOptions): Hono {
  const app = new Hono();
  const faults = options.faults ?? new FaultLog();

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

  app.route('/', publicRoutes(options, faults));
  app.route('/admin', adminRoutes(options));
  return app;
}
