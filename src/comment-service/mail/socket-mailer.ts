/**
 * The Mailer over SMTP for the Cloudflare Worker (worker.ts), with worker-mailer on the runtime's
 * TCP sockets (`connect()` from cloudflare:sockets): smtps:// is TLS from the start (port 465 by
 * default), smtp:// upgrades with STARTTLS when the server offers it (port 587 by default).
 * Cloudflare blocks port 25. One connection carries the mails of one delivery, as the Node
 * service's pool of one does (smtp-mailer.ts).
 */
import { LogLevel, WorkerMailer, type WorkerMailerOptions } from 'worker-mailer';
import { ConfigError } from '../../utils/config-error.ts';
import { mailboxParts } from './mailbox.ts';
import type { Mailer } from './mailer.ts';

/** Short waits, as smtp-mailer.ts: a server that does not answer is tried again from the outbox later. */
const timeoutMs = 15_000;

/** The connection settings of an smtp:// or smtps:// URL (user and password percent-encoded). */
export function socketOptions(url: string): WorkerMailerOptions {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'smtps:';
  const port = parsed.port ? Number(parsed.port) : secure ? 465 : 587;
  if (port === 25)
    throw new ConfigError(
      'COMMENTS_SMTP_URL: Cloudflare Workers cannot connect to port 25; use 587 (smtp://) or 465 (smtps://)',
    );
  const username = decodeURIComponent(parsed.username);
  return {
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port,
    secure,
    startTls: !secure,
    ...(username ? { credentials: { username, password: decodeURIComponent(parsed.password) } } : {}),
    // Whichever the server offers: worker-mailer tries none unless they are listed.
    authType: ['plain', 'login', 'cram-md5'],
    // worker-mailer also takes this as its wait for each reply.
    socketTimeoutMs: timeoutMs,
    responseTimeoutMs: timeoutMs,
    // Its own log lines would repeat what the outbox logs for each failure.
    logLevel: LogLevel.NONE,
  };
}

export function socketMailer(url: string): Mailer & { close(): Promise<void> } {
  const options = socketOptions(url);
  let connection: Promise<WorkerMailer> | null = null;
  // A connection is used until its first failure, then closed: worker-mailer leaves a connection
  // whose reset failed without sending what is queued on it, so a fresh one is safer. Mails that
  // were waiting on it fail too and are retried from the outbox.
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
