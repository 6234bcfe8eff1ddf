/**
 * How long personal data stays: e-mail addresses and address hashes of rejected and spam comments
 * are erased after COMMENTS_RETENTION_DAYS, of approved ones after COMMENTS_APPROVED_RETENTION_DAYS
 * when set. Pending comments keep theirs until a moderator decides.
 */
import type { ServiceConfig } from './settings.ts';
import type { RetentionRecords } from './store/store.ts';

const dayMs = 24 * 60 * 60 * 1000;
const everyHourMs = 60 * 60 * 1000;

type RetentionConfig = Pick<ServiceConfig, 'retentionDays' | 'approvedRetentionDays'>;

/** Erases what is past its time; returns how many comments lost personal data. */
export async function forgetExpired(
  store: RetentionRecords,
  config: RetentionConfig,
  now = Date.now(),
): Promise<number> {
  const before = (days: number) => new Date(now - days * dayMs).toISOString();
  let forgotten = await store.forgetPersonalData(['rejected', 'spam'], before(config.retentionDays));
  if (config.approvedRetentionDays > 0) {
    forgotten += await store.forgetPersonalData(['approved'], before(config.approvedRetentionDays));
  }
  // Sent mail keeps no address or text (see mailSent), only its record against sending twice.
  await store.forgetSentMail(before(config.retentionDays));
  return forgotten;
}

/** Runs forgetExpired now and every hour; returns the function that stops it. */
export function scheduleRetention(
  store: RetentionRecords,
  config: RetentionConfig,
  onError: (error: unknown) => void,
): () => void {
  const run = () => forgetExpired(store, config).catch(onError);
  void run();
  const timer = setInterval(run, everyHourMs);
  timer.unref();
  return () => clearInterval(timer);
}
