/**
 * Sends what the outbox holds. A mail the server does not take stays in the outbox and is tried
 * again later, each wait twice the last (COMMENTS_MAIL_RETRY_SECONDS, 1 minute, at first; at most
 * 6 hours), with one log line per failure.
 * Nothing here waits on a reader's request: main.ts runs it on a timer and when mail is queued.
 */
import type { Mailer } from './mailer.ts';
import type { MailRecords } from '../store/store.ts';

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
}

export async function deliverDue(
  store: MailRecords,
  mailer: Mailer,
  { from, log, firstRetryMs }: DeliverySettings,
  now = Date.now(),
): Promise<DeliveryResult> {
  const result: DeliveryResult = { sent: 0, failed: 0 };
  const nowIso = new Date(now).toISOString();
  for (const mail of await store.dueMail(nowIso, 50)) {
    // Several instances share one outbox: only the one that claims a mail sends it.
    if (!(await store.claimMail(mail.id, nowIso, new Date(now + claimMs).toISOString()))) continue;
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
  return result;
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
