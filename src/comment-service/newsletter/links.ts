/**
 * The signed links in newsletter mails: confirming a subscription (expires after a week) and
 * unsubscribing (valid for years, so that an old mail's link still works). Their own signing purpose,
 * so that no comment-service token passes as one of these; the subscriber is named by id only.
 */
import { createSigner } from '../signing.ts';

export type NewsletterLinkKind = 'confirm' | 'unsubscribe';

export const confirmLinkDays = 7;
const unsubscribeLinkDays = 365 * 5;
const dayMs = 24 * 60 * 60 * 1000;

export interface NewsletterLinks {
  url(kind: NewsletterLinkKind, subscriberId: string, now?: number): Promise<string>;
  /** The subscriber a genuine, unexpired token of this kind names; null for anything else. */
  subscriberOf(kind: NewsletterLinkKind, token: string): Promise<string | null>;
}

export function newsletterLinks(secret: string, serviceUrl: () => string): NewsletterLinks {
  const signer = createSigner(secret, 'newsletter-links');
  return {
    async url(kind, subscriberId, now = Date.now()) {
      const days = kind === 'confirm' ? confirmLinkDays : unsubscribeLinkDays;
      const token = await signer.sign({ k: kind, s: subscriberId }, now + days * dayMs);
      return `${new URL(`newsletter/${kind}`, serviceUrl()).href}?token=${encodeURIComponent(token)}`;
    },
    async subscriberOf(kind, token) {
      const payload = await signer.verify(token);
      return payload?.k === kind && payload.s ? payload.s : null;
    },
  };
}
