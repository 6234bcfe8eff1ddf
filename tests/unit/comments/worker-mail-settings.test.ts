/**
 * The Worker's SMTP settings from COMMENTS_SMTP_URL (src/comment-service/mail/socket-options.ts)
 * and the mailbox of COMMENTS_MAIL_FROM split for it (mail/mailbox.ts). Sending itself is tested
 * in workerd against a real SMTP server: tests/e2e/comments/worker-mail.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { mailboxParts } from '../../../src/comment-service/mail/mailbox.ts';
import { socketOptions } from '../../../src/comment-service/mail/socket-options.ts';
import { ConfigError } from '../../../src/utils/config-error.ts';

describe('the Worker SMTP settings', () => {
  it('takes the submission port with STARTTLS for smtp:// and TLS on 465 for smtps://, with the login percent-decoded', () => {
    expect(socketOptions('smtp://desk%40example.com:p%40ss%3Aw%2Frd@mail.example.com')).toMatchObject({
      host: 'mail.example.com',
      port: 587,
      secure: false,
      startTls: true,
      credentials: { username: 'desk@example.com', password: 'p@ss:w/rd' },
    });
    expect(socketOptions('smtps://user:secret@mail.example.com')).toMatchObject({
      port: 465,
      secure: true,
      startTls: false,
    });
    expect(socketOptions('smtp://[2001:db8::25]:2525')).toMatchObject({ host: '2001:db8::25', port: 2525 });
    expect(socketOptions('smtp://relay.example.com:587')).not.toHaveProperty('credentials');
  });

  it('refuses port 25, which Cloudflare blocks, and a login that is not percent-encoded, naming the setting', () => {
    expect(() => socketOptions('smtp://mail.example.com:25')).toThrow(ConfigError);
    expect(() => socketOptions('smtp://mail.example.com:25')).toThrow(/COMMENTS_SMTP_URL.*port 25.*587/);
    expect(() => socketOptions('smtp://user:100%zz@mail.example.com')).toThrow(/COMMENTS_SMTP_URL.*percent-encoded/);
  });

  it('splits COMMENTS_MAIL_FROM into name and address', () => {
    expect(mailboxParts('The Meridian <news@example.org>')).toEqual({
      name: 'The Meridian',
      email: 'news@example.org',
    });
    expect(mailboxParts('"Desk, Night" <night@example.org>')).toEqual({
      name: 'Desk, Night',
      email: 'night@example.org',
    });
    expect(mailboxParts('news@example.org')).toEqual({ email: 'news@example.org' });
    expect(mailboxParts('<news@example.org>')).toEqual({ email: 'news@example.org' });
  });
});
