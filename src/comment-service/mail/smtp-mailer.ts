/** The Mailer over SMTP, with nodemailer (Node only: made in node.ts). */
import nodemailer from 'nodemailer';
import type { Mailer } from './mailer.ts';

export function smtpMailer(url: string): Mailer & { close(): void } {
  // One pooled connection, reused while the outbox has mail; short waits: a server that does not
  // answer is tried again from the outbox later.
  const options = new URL(url);
  options.searchParams.set('pool', 'true');
  options.searchParams.set('maxConnections', '1');
  options.searchParams.set('connectionTimeout', '10000');
  options.searchParams.set('greetingTimeout', '10000');
  options.searchParams.set('socketTimeout', '20000');
  const transport = nodemailer.createTransport(options.href);
  return {
    async send(mail) {
      await transport.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html ? { html: mail.html } : {}),
        headers: mail.headers,
      });
    },
    close: () => transport.close(),
  };
}
