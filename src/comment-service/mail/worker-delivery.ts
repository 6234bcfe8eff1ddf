/**
 * E-mail from the Cloudflare Worker (worker.ts). A Worker has no timer of its own, so the outbox
 * (the same one, with the same retries and claims, as under Node: outbox.ts) is delivered after
 * each answer that queued mail (kept alive by waitUntil) and on every cron trigger, which first
 * queues the moderators' digest and the newsletter of the published feed (newsletter/run.ts).
 * Each delivery opens its own SMTP connection (socket-mailer.ts): a Worker may not use a socket
 * opened while answering another request.
 */
import { runNewsletter } from '../newsletter/run.ts';
import type { ServiceConfig } from '../settings.ts';
import type { CommentStore } from '../store/store.ts';
import type { Notifier } from './notifications.ts';
import { drainOutbox, type DeliveryResult } from './outbox.ts';
import { socketMailer } from './socket-mailer.ts';

export interface WorkerMail {
  /** Sends what the outbox holds until nothing more is due. */
  deliver(): Promise<DeliveryResult>;
  /** The cron trigger's part: the digest and the newsletter are queued, then everything due is sent. */
  scheduled(now?: number): Promise<DeliveryResult>;
}

export interface WorkerMailDeps {
  store: CommentStore;
  config: ServiceConfig & { smtpUrl: string };
  notifier: Notifier;
  addressKey: string;
  log: (line: string) => void;
}

export function workerMail({ store, config, notifier, addressKey, log }: WorkerMailDeps): WorkerMail {
  const logError = (error: unknown) => log(`comments: ${(error as Error)?.message ?? error}`);

  async function deliver(): Promise<DeliveryResult> {
    const mailer = socketMailer(config.smtpUrl);
    try {
      return await drainOutbox(store, mailer, config, log);
    } finally {
      await mailer.close();
    }
  }

  return {
    deliver,
    async scheduled(now = Date.now()) {
      // Each part on its own: a feed that cannot be read must not hold up the comments' mail.
      if (config.mailDigestMinutes > 0) await notifier.sendDigest(now).catch(logError);
      if (config.newsletter.enabled) {
        await runNewsletter(store, config, addressKey, { now }).then((result) => {
          if (result.queued > 0) log(`newsletter: queued ${result.queued} e-mail(s)`);
        }, logError);
      }
      return deliver();
    },
  };
}
