/** The optional Akismet check (COMMENTS_AKISMET_KEY), with akismet-api (Node only: made in main.ts). */
import { AkismetClient } from 'akismet-api';
import type { SpamCheck } from './spam.ts';

export function akismetCheck(key: string, site: string, endpoint?: string): SpamCheck {
  const url = endpoint ? new URL(endpoint) : null;
  const client = new AkismetClient({
    key,
    blog: site,
    ...(url ? { host: url.host, protocol: url.protocol.replace(':', '') } : {}),
  });
  return {
    isSpam: (input) =>
      client.checkSpam({
        user_ip: input.clientAddress,
        user_agent: input.userAgent,
        referrer: input.referrer,
        permalink: input.articleUrl,
        comment_type: 'comment',
        comment_author: input.name,
        comment_author_email: input.email ?? '',
        comment_author_url: input.website ?? '',
        comment_content: input.comment,
      }),
  };
}
