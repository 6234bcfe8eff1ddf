/**
 * One newsletter run as the service's settings describe it, for the CLI (src/cli/newsletter.ts)
 * and the Node service's schedule (node.ts): read the feed, queue what is due (send.ts), and,
 * when asked, deliver the outbox until nothing is due (mail/outbox.ts: every instance claims each
 * mail before sending it, so a running service delivering the same outbox sends nothing twice).
 */
import { ConfigError } from '../../utils/config-error.ts';
import { newsletterLinks } from './links.ts';
import { drainOutbox } from '../mail/outbox.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { ServiceConfig } from '../settings.ts';
import type { NewsletterRecords } from '../store/newsletter-records.ts';
import type { MailRecords } from '../store/store.ts';
import { readFeed } from './feed.ts';
import { sendNewsletter, type SendReport } from './send.ts';

export interface RunResult extends SendReport {
  /** Mails delivered by this run (0 without a mailer). */
  delivered: number;
  /** Mails the server refused this time; they stay in the outbox for a retry. */
  failed: number;
}

export interface RunOptions {
  /** The feed's URL or file; the settings' feed (COMMENTS_NEWSLETTER_FEED_URL or the site's /feed.json) when absent. */
  feed?: string;
  mailer?: Mailer;
  now?: number;
  log?: (line: string) => void;
}

export type RunSettings = Pick<ServiceConfig, 'newsletter' | 'publicUrl' | 'mailFrom' | 'mailRetrySeconds'>;

export async function runNewsletter(
  store: NewsletterRecords & MailRecords,
  config: RunSettings,
  addressKey: string,
  options: RunOptions = {},
): Promise<RunResult> {
  const settings = config.newsletter;
  if (!settings.enabled) throw new ConfigError(`The newsletter is off (${settings.offReason})`);
  const feed = options.feed ?? settings.feedUrl;
  if (!feed) throw new ConfigError('No feed to read: give --feed FILE_OR_URL or set COMMENTS_SITE_URL');
  const stories = await readFeed(feed);
  const links = newsletterLinks(addressKey, () => config.publicUrl ?? 'http://127.0.0.1:8787/');
  const report = await sendNewsletter({ store, settings, links }, stories, options.now);
  if (!options.mailer) return { ...report, delivered: 0, failed: 0 };
  const { sent, failed } = await drainOutbox(store, options.mailer, config, options.log ?? console.error);
  return { ...report, delivered: sent, failed };
}
