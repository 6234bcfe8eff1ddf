/**
 * The Mailer over SMTP for the Cloudflare Worker (worker.ts), with worker-mailer on the runtime's
 * TCP sockets (`connect()` from cloudflare:sockets; the settings: socket-options.ts). One connection
 * carries the mails of one delivery, as the Node service's pool of one does (smtp-mailer.ts).
 */
import { WorkerMailer } from 'worker-mailer';
import { mailboxParts } from './mailbox.ts';
import type { Mailer } from './mailer.ts';
import { socketOptions } from './socket-options.ts';

export function socketMailer(url: string): Mailer & { close(): Promise<void> } {
  const options = socketOptions(url);
  let connection: Promise<WorkerMailer> | null = null;
  // A connection is used until its first failure, then closed: worker-mailer leaves a connection
  // whose reset failed without sending what is queued on it, so a fresh one is safer. Mails that
  // were waiting on it fail too and are retried from the outbox. Connections live for one delivery
  // only, never idle: worker-mailer 1.2.1 spins when a server closes the socket while it waits for
  // a reply (its read loop retries an ended stream), which an idle timeout would provoke.
  const drop = async (failed: Promise<WorkerMailer>) => {
    if (connection === failed) connection = null;
    const mailer = await failed.catch(() => null);
    await mailer?.close().catch(() => undefined);
  };
  return {
    async send(mail) {
      const current = (connection ??= WorkerMailer.connect(options));
      try {
        await (
          await current
        ).send({
          from: mailboxParts(mail.from),
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          ...(mail.html ? { html: mail.html } : {}),
          // A copy: worker-mailer writes its own headers (From, Date, Message-ID…) into the object.
          headers: { ...mail.headers },
        });
      } catch (error) {
        await drop(current);
        throw error;
      }
    },
    close: async () => {
      if (connection) await drop(connection);
    },
  };
}
