/**
 * A real SMTP server on loopback (smtp-server) that keeps every message it accepts, parsed with
 * mailparser, and can refuse the next messages with a temporary error, as a mail server that is
 * down for a while does. With `login`, it takes mail only after AUTH with that user and password
 * (which the URL then carries, percent-encoded), as a provider's submission port does.
 */
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  url: string;
  messages: ParsedMail[];
  /** Refuses the next `count` messages with 451. */
  refuseNext(count: number): void;
  /** Resolves with the first message (among all received, past and future) that matches. */
  waitFor(match: (mail: ParsedMail) => boolean, timeoutMs?: number): Promise<ParsedMail>;
  close(): Promise<void>;
}

export const recipients = (mail: ParsedMail) =>
  (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((to) =>
    to.value.map((address) => address.address),
  );

export interface SmtpLogin {
  user: string;
  password: string;
}

/** A header's line as sent (`Name: value`, unfolded), or "" when the mail has none. */
export const headerLine = (mail: ParsedMail, name: string) =>
  mail.headerLines.find((line) => line.key === name.toLowerCase())?.line.replace(/\r?\n\s+/g, ' ') ?? '';

export async function startSmtpSink(login?: SmtpLogin): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  const waiters: { match: (mail: ParsedMail) => boolean; resolve: (mail: ParsedMail) => void }[] = [];
  let refusals = 0;
  const server = new SMTPServer({
    authOptional: !login,
    // Loopback without TLS (a certificate the clients would trust is more than these tests need).
    allowInsecureAuth: Boolean(login),
    onAuth(auth, _session, callback) {
      if (login && auth.username === login.user && auth.password === login.password)
        return callback(null, { user: login.user });
      callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      if (refusals > 0) {
        refusals--;
        stream.resume();
        stream.on('end', () => callback(Object.assign(new Error('Mailbox busy, try later'), { responseCode: 451 })));
        return;
      }
      simpleParser(stream).then(
        (mail) => {
          messages.push(mail);
          for (const waiter of [...waiters]) {
            if (waiter.match(mail)) {
              waiters.splice(waiters.indexOf(waiter), 1);
              waiter.resolve(mail);
            }
          }
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: login
      ? `smtp://${encodeURIComponent(login.user)}:${encodeURIComponent(login.password)}@127.0.0.1:${port}`
      : `smtp://127.0.0.1:${port}`,
    messages,
    refuseNext: (count) => (refusals = count),
    waitFor: (match, timeoutMs = 20_000) => {
      const found = messages.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(`no such e-mail within ${timeoutMs} ms; got: ${messages.map((m) => m.subject).join(' | ')}`),
            ),
          timeoutMs,
        );
        waiters.push({
          match,
          resolve: (mail) => {
            clearTimeout(timer);
            resolve(mail);
          },
        });
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
