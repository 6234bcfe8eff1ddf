/**
 * The e-mails the service writes: to moderators when a comment waits (one each, or a digest every
 * COMMENTS_MAIL_DIGEST_MINUTES), with signed single-use approve and reject links; and to a
 * commenter who asked for it when a reply to them is approved, with a signed unsubscribe link.
 * Mails go into the outbox (store) and are sent from there (outbox.ts): a mail server that is down
 * never loses or holds up a comment. Without COMMENTS_SMTP_URL nothing is queued at all.
 */
import { articleUrl } from '../article-url.ts';
import { emailKey } from '../store/email-key.ts';
import type { Signer } from '../signing.ts';
import type { MailRecords, MarkerRecords, ModerationRecords, QueueItem, QueuedMail } from '../store/store.ts';

/** What the notifier reads and writes. */
export type NotifierStore = Pick<MailRecords, 'enqueueMail' | 'threadSubscribers'> &
  Pick<ModerationRecords, 'queueItem' | 'queue'> &
  Pick<MarkerRecords, 'marker' | 'advanceMarker'>;

/** How long the approve and reject links in a moderator's e-mail work. */
export const moderationLinkDays = 7;
const unsubscribeLinkDays = 365 * 2;
const dayMs = 24 * 60 * 60 * 1000;

export interface NotifierConfig {
  /** Whether mail is configured at all (COMMENTS_SMTP_URL). */
  enabled: boolean;
  moderatorEmails: string[];
  digestMinutes: number;
  /** The site's public address, ending in "/". */
  siteUrl: string | null;
  /** The service's public address, ending in "/" (asked each time: known only once the service listens). */
  serviceUrl: () => string;
}

export interface ArticleTitles {
  title(article: string): string | undefined;
}

export type ModerationAction = 'approve' | 'reject';

const quoted = (text: string) =>
  text
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
const excerpt = (text: string, length = 140) => {
  const flat = text.replace(/\s+/g, ' ');
  return [...flat].length > length ? `${[...flat].slice(0, length).join('')}…` : flat;
};

/** The comments a moderator's e-mail about `comment` quotes: it, and the one it answers. */
const quotedIds = (comment: QueueItem) => (comment.replyTo ? [comment.id, comment.replyTo.id] : [comment.id]);

export interface Notifier {
  /** A comment now waits for moderation: mail the moderators (unless they get digests). */
  commentWaiting(comment: QueueItem): Promise<void>;
  /** A comment was approved: mail the author of the comment it answers, when they asked for it. */
  commentApproved(id: string): Promise<void>;
  /** Mails the moderators the comments that came in since the last digest; returns how many. */
  sendDigest(now?: number): Promise<number>;
  /** The links in a moderator's e-mail for one comment. */
  moderationLinks(commentId: string, now?: number): Promise<Record<ModerationAction, string>>;
}

/** What the notifier's mails are written with. */
interface MailContext {
  store: NotifierStore;
  signer: Signer;
  config: NotifierConfig;
  titleOf: (article: string) => string;
  link: (path: string, token: string) => string;
  queue: (mail: QueuedMail) => Promise<void>;
  describe: (comment: QueueItem) => Promise<string>;
  footer: () => string;
}

/** Reply notices for an approved reply, to everyone in its thread who asked. */
async function sendReplyNotices(ctx: MailContext, id: string): Promise<void> {
  const { store, config, signer, titleOf, link, queue } = ctx;
  if (!config.enabled) return;
  const reply = await store.queueItem(id);
  if (!reply || reply.status !== 'approved' || !reply.replyTo) return;
  // Threads are one level deep: the reply's parent is the thread's top comment. Everyone in
  // the thread who asked hears of it; never for one's own reply.
  const threadId = reply.replyTo.id;
  const replier = reply.email === null ? null : emailKey(reply.email);
  const title = titleOf(reply.article);
  for (const subscriber of await store.threadSubscribers(threadId)) {
    if (subscriber.commentId === reply.id || emailKey(subscriber.email) === replier) continue;
    const isTopAuthor = subscriber.commentId === threadId;
    const unsubscribe = link(
      'mail/unsubscribe',
      await signer.sign({ e: subscriber.email, p: 'unsubscribe' }, Date.now() + unsubscribeLinkDays * dayMs),
    );
    await queue({
      to: subscriber.email,
      subject: isTopAuthor
        ? `${reply.name} replied to your comment on “${title}”`
        : `${reply.name} replied in a conversation you took part in on “${title}”`,
      text: [
        `Hello ${subscriber.name},`,
        '',
        isTopAuthor
          ? `${reply.name} replied to your comment on “${title}”:`
          : `${reply.name} replied to ${reply.replyTo.name}'s comment on “${title}”, which you replied to:`,
        '',
        quoted(reply.comment),
        '',
        `Read it on the site: ${articleUrl(config.siteUrl, reply.article, reply.id) ?? reply.article}`,
        '',
        'You get this e-mail because you asked to be told of replies to your comment.',
        `To stop these e-mails: ${unsubscribe}`,
        '',
      ].join('\n'),
      headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      // The top comment's author keeps the key of one notice per reply; others get one each.
      dedupeKey: isTopAuthor ? `reply:${reply.id}` : `reply:${reply.id}:${subscriber.commentId}`,
      commentIds: [reply.id, threadId, subscriber.commentId],
    });
  }
}

/** The moderators' digest of comments waiting since the last one; returns how many it lists. */
async function sendDigest(ctx: MailContext, now: number): Promise<number> {
  const { store, config, describe, footer, queue } = ctx;
  if (!config.enabled || config.moderatorEmails.length === 0) return 0;
  const period = config.digestMinutes * 60_000;
  const last = await store.marker('digest');
  // Instances sharing a database take turns: one that finds a digest sent less than a period
  // ago (timers drift, hence the tenth) leaves it; of two at the same moment, one wins the marker.
  if (last !== null && now - Date.parse(last) < period * 0.9) return 0;
  const since = last ?? new Date(now - period).toISOString();
  const until = new Date(now).toISOString();
  if (!(await store.advanceMarker('digest', last, until))) return 0;
  const { items, total } = await store.queue({
    status: 'pending',
    article: null,
    search: null,
    createdAfter: since,
    offset: 0,
    limit: 100,
  });
  const fresh = items.filter((item) => item.createdAt <= until);
  if (fresh.length === 0) return 0;
  const parts = await Promise.all(fresh.map(describe));
  const more = total > fresh.length ? `\nAnd ${total - fresh.length} more on the moderation page.\n` : '';
  for (const to of config.moderatorEmails) {
    await queue({
      to,
      subject: `${fresh.length} comment${fresh.length === 1 ? '' : 's'} waiting for moderation`,
      text: `${parts.join('\n\n----\n\n')}\n${more}${footer()}\n`,
      headers: {},
      dedupeKey: `digest:${until}:${to}`,
      commentIds: fresh.flatMap(quotedIds),
    });
  }
  return fresh.length;
}

export function createNotifier(
  store: NotifierStore,
  signer: Signer,
  config: NotifierConfig,
  titles: ArticleTitles | undefined,
  onQueued: () => void,
): Notifier {
  const titleOf = (article: string) => titles?.title(article) ?? article;
  const link = (path: string, token: string) =>
    `${new URL(path, config.serviceUrl()).href}?token=${encodeURIComponent(token)}`;

  async function queue(mail: QueuedMail): Promise<void> {
    if (await store.enqueueMail(mail, new Date().toISOString())) onQueued();
  }

  async function moderationLinks(commentId: string, now = Date.now()): Promise<Record<ModerationAction, string>> {
    // Both links of one e-mail share a nonce: using either spends both.
    const nonce = crypto.randomUUID();
    const expires = now + moderationLinkDays * dayMs;
    const sign = (action: ModerationAction) => signer.sign({ c: commentId, a: action, n: nonce }, expires);
    return {
      approve: link('mail/moderate', await sign('approve')),
      reject: link('mail/moderate', await sign('reject')),
    };
  }

  async function describe(comment: QueueItem): Promise<string> {
    const links = await moderationLinks(comment.id);
    const lines = [
      `${comment.name}${comment.email ? ` <${comment.email}>` : ''} on “${titleOf(comment.article)}”`,
      articleUrl(config.siteUrl, comment.article) ?? comment.article,
    ];
    if (comment.website) lines.push(`Website: ${comment.website}`);
    if (comment.replyTo) lines.push(`In reply to ${comment.replyTo.name}: “${excerpt(comment.replyTo.comment)}”`);
    lines.push('', quoted(comment.comment), '', `Approve: ${links.approve}`, `Reject:  ${links.reject}`);
    return lines.join('\n');
  }

  const footer = () =>
    [
      '',
      `The approve and reject links work once and for ${moderationLinkDays} days.`,
      `Moderation page: ${new URL('admin/', config.serviceUrl()).href}`,
    ].join('\n');

  const context: MailContext = { store, signer, config, titleOf, link, queue, describe, footer };
  return {
    moderationLinks,

    async commentWaiting(comment) {
      if (!config.enabled || config.digestMinutes > 0) return;
      for (const to of config.moderatorEmails) {
        await queue({
          to,
          subject: `Comment waiting: “${titleOf(comment.article)}”`,
          text: `A new comment waits for moderation.\n\n${await describe(comment)}\n${footer()}\n`,
          headers: {},
          dedupeKey: `moderate:${comment.id}:${to}`,
          commentIds: quotedIds(comment),
        });
      }
    },

    commentApproved: (id) => sendReplyNotices(context, id),
    sendDigest: (now = Date.now()) => sendDigest(context, now),
  };
}
