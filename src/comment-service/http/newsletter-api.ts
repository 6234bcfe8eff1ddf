/**
 * POST /api/newsletter/send with `Authorization: Bearer <COMMENTS_ADMIN_TOKEN>`: what a deploy
 * calls once the new site is live (docs/newsletter.md), so the service sends the stories of the
 * published feed that no run sent before (newsletter/run.ts), then delivers them from its outbox.
 * Calling it twice, or on two instances at once, sends nothing twice. And privacy requests from
 * scripts: DELETE /api/newsletter/subscribers?email=… erases an address as the moderation page does.
 */
import { Hono } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import { runNewsletter, type RunSettings } from '../newsletter/run.ts';
import type { NewsletterRecords } from '../store/newsletter-records.ts';
import type { MailRecords } from '../store/store.ts';
import { ConfigError } from '../../utils/config-error.ts';

export interface NewsletterApiDeps {
  store: NewsletterRecords & MailRecords;
  config: RunSettings & { adminToken: string | null };
  addressKey: string;
  onMailQueued?: () => void;
}

export function newsletterApi(deps: NewsletterApiDeps): Hono {
  const { config } = deps;
  const app = new Hono();
  app.use('*', async (c, next) => {
    c.header('Cache-Control', 'no-store');
    if (!config.adminToken)
      return c.json({ error: 'Sending needs COMMENTS_ADMIN_TOKEN: start the service with it set' }, 503);
    return bearerAuth({
      token: config.adminToken,
      invalidTokenMessage: { error: 'Invalid admin token' },
      noAuthenticationHeaderMessage: { error: 'Send Authorization: Bearer <COMMENTS_ADMIN_TOKEN>' },
      invalidAuthenticationHeaderMessage: { error: 'Send Authorization: Bearer <COMMENTS_ADMIN_TOKEN>' },
    })(c, next);
  });

  app.post('/send', async (c) => {
    try {
      const result = await runNewsletter(deps.store, config, deps.addressKey);
      if (result.queued > 0) deps.onMailQueued?.();
      return c.json({ queued: result.queued, sends: result.sends });
    } catch (error) {
      // The newsletter is off, or the feed cannot be read: the caller's deploy step shows why.
      if (error instanceof ConfigError) return c.json({ error: error.message }, 409);
      throw error;
    }
  });
  app.delete('/subscribers', async (c) => {
    const email = c.req.query('email')?.trim();
    if (!email) return c.json({ error: 'Give the address: DELETE /api/newsletter/subscribers?email=...' }, 400);
    return c.json({ erased: await deps.store.eraseSubscribers({ email }) });
  });
  return app;
}
