/**
 * A mailbox as COMMENTS_MAIL_FROM is written: an address alone (`news@example.org`) or with a
 * display name (`The Meridian <news@example.org>`). Settings check it; the Worker's mailer splits it.
 */
export interface MailboxParts {
  name?: string;
  email: string;
}

export function mailboxParts(text: string): MailboxParts {
  const named = /^([^<>]*)<([^<>]+)>$/.exec(text.trim());
  if (!named) return { email: text.trim() };
  const name = named[1]!.trim().replace(/^"(.*)"$/, '$1');
  return name ? { name, email: named[2]!.trim() } : { email: named[2]!.trim() };
}
