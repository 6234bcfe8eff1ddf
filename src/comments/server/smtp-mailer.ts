/** The Mailer over SMTP, with nodemailer (Node only: made in main.ts). */
import nodemailer from 'nodemailer';
import type { Mailer } from './mail.ts';

export function smtpMailer(url: string): Mailer & { close(): void } {
  const transport = nodemailer.createTransport(url, {});
  // Short waits: a server that does not answer is retried from the outbox later.
  Object.assign(transport.options, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
  return {
    async send(mail) {
      await transport.sendMail({ from: mail.from, to: mail.to, subject: mail.subject, text: mail.text, headers: mail.headers });
    },
    close: () => transport.close(),
  };
}
