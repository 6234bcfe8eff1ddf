/**
 * The connection settings of the Worker's SMTP client (socket-mailer.ts, worker-mailer) from
 * COMMENTS_SMTP_URL: smtps:// is TLS from the start (port 465 by default), smtp:// upgrades with
 * STARTTLS when the server offers it (port 587 by default). Cloudflare blocks port 25. Apart from
 * the mailer so that it runs anywhere: worker-mailer itself loads only in workerd (cloudflare:sockets).
 */
import type { WorkerMailerOptions } from 'worker-mailer';
import { ConfigError } from '../../utils/config-error.ts';

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
  let username: string;
  let password: string;
  try {
    username = decodeURIComponent(parsed.username);
    password = decodeURIComponent(parsed.password);
  } catch {
    throw new ConfigError('COMMENTS_SMTP_URL: the user and password must be percent-encoded (%40 for @, %25 for %)');
  }
  return {
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port,
    secure,
    startTls: !secure,
    ...(username ? { credentials: { username, password } } : {}),
    // Whichever the server offers: worker-mailer tries none unless they are listed.
    authType: ['plain', 'login', 'cram-md5'],
    // worker-mailer also takes this as its wait for each reply.
    socketTimeoutMs: timeoutMs,
    responseTimeoutMs: timeoutMs,
    // Its own log lines would repeat what the outbox logs for each failure.
    logLevel: 4, // LogLevel.NONE (the enum is in the module that needs workerd)
  };
}
