/**
 * Sends what the outbox holds. A mail the server does not take stays in the outbox and is tried
 * again later, each wait twice the last (COMMENTS_MAIL_RETRY_SECONDS, 1 minute, at first; at most
 * 6 hours), with one log line per failure.
 * Nothing here waits on a reader's request: node.ts runs it on a timer and when mail is queued, the
 * Worker after an answer that queued mail and on its cron trigger (worker-delivery.ts).
 */
import type { Mailer } from './mailer.ts';
import type { MailRecords, OutboxMail } from '../store/store.ts';

const longestRetryMs = 6 * 60 * 60_000;
/** How long a sender holds a mail it is sending: far longer than a send takes. */
const claimMs = 10 * 60_000;

/** The wait before the next attempt after `attempts` failed ones. */
export const retryDelayMs = (attempts: number, firstRetryMs: number) =>
  Math.min(longestRetryMs, firstRetryMs * 2 ** Math.max(0, attempts - 1));

export interface DeliveryResult {
  sent: number;
  failed: number;
}

export interface DeliverySettings {
  from: string;
  log: (line: string) => void;
  firstRetryMs: number;
  /**
   * Mails in flight at once (default 1). More lets the store's writes of one mail overlap the SMTP
   * exchange of another; the mailer's pool still decides how many connections carry them.
   */
  concurrency?: number;
}

/** Sends one claimed mail and records the outcome (in the store and in `result`). */
async function deliverOne(
  store: MailRecords,
  mailer: Mailer,
  { from, log, firstRetryMs }: DeliverySettings,
  mail: OutboxMail,
  result: DeliveryResult,
): Promise<void> {
  try {
    await mailer.send({ ...mail, from });
    await store.mailSent(mail.id, new Date().toISOString());
    result.sent++;
  } catch (error) {
    const attempts = mail.attempts + 1;
    const wait = retryDelayMs(attempts, firstRetryMs);
    const reason = ((error as Error)?.message ?? String(error)).replace(/\s+/g, ' ');
    log(
      `comments: e-mail "${mail.subject}" not sent (attempt ${attempts}; next in ${Math.round(wait / 1000)} s): ${reason}`,
    );
    await store.mailFailed(mail.id, reason, new Date(Date.now() + wait).toISOString());
    result.failed++;
  }
}

export async function deliverDue(
  store: MailRecords,
  mailer: Mailer,
  settings: DeliverySettings,
  now = Date.now(),
): Promise<DeliveryResult> {
  const result: DeliveryResult = { sent: 0, failed: 0 };
  const nowIso = new Date(now).toISOString();
  const listed = await store.dueMail(nowIso, 50);
  // Several instances share one outbox: only the one that claims a mail sends it (one write for the batch).
  const claimed = new Set(
    await store.claimMails(
      listed.map((mail) => mail.id),
      nowIso,
      new Date(now + claimMs).toISOString(),
    ),
  );
  const due = listed.filter((mail) => claimed.has(mail.id));
  const worker = async () => {
    for (let mail = due.shift(); mail; mail = due.shift()) await deliverOne(store, mailer, settings, mail, result);
  };
  await Promise.all(Array.from({ length: Math.max(1, settings.concurrency ?? 1) }, worker));
  return result;
}

/** Mails in flight at once when draining: the store's durable writes overlap the SMTP exchanges. */
const drainConcurrency = 4;

/** Sends the outbox until nothing more is due (or the server takes nothing); returns what was sent and what failed. */
export async function drainOutbox(
  store: MailRecords,
  mailer: Mailer,
  config: { mailFrom: string | null; mailRetrySeconds: number },
  log: (line: string) => void,
): Promise<DeliveryResult> {
  const total: DeliveryResult = { sent: 0, failed: 0 };
  for (;;) {
    const round = await deliverDue(store, mailer, {
      from: config.mailFrom!,
      log,
      firstRetryMs: config.mailRetrySeconds * 1000,
      concurrency: drainConcurrency,
    });
    total.sent += round.sent;
    total.failed += round.failed;
    if (round.sent === 0) return total;
  }
}

/** Delivers now and every `intervalMs`, and at once when `wake()` is called; never two runs at a time. */
export function runOutbox(deliver: () => Promise<unknown>, intervalMs: number, onError: (error: unknown) => void) {
  let running: Promise<void> | null = null;
  let again = false;
  const run = () => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await deliver().catch(onError);
      } while (again);
    })().finally(() => (running = null));
    return running;
  };
  const timer = setInterval(run, intervalMs);
  timer.unref?.();
  void run();
  const stop = async () => {
    clearInterval(timer);
    await running;
  };
  return { wake: () => void run(), stop };
}
