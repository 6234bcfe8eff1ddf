/**
 * POST /comments in steps: read the body, check the origin (form posts are never preflighted, so
 * this is the CSRF check), validate, decide the status (blocks, the outside spam check, how it was
 * sent), store, then mail. Each step returns a Response to end with, or what the next one needs;
 * every answer goes through one CommentReply, which knows whether to answer JSON or redirect.
 */
import type { Context } from 'hono';
import { fieldMessages, refusalMessages } from '../../comments/messages.ts';
import {
  elapsedField,
  honeypotField,
  idempotencyField,
  idempotencyKeyPattern,
  limits,
  redirectField,
  type CommentStatus,
} from '../../comments/protocol.ts';
import { validateComment, type CommentInput, type FieldErrors } from '../../comments/validation.ts';
import type { Notifier } from '../mail/notifications.ts';
import { articleUrl } from '../article-url.ts';
import type { ServiceConfig } from '../settings.ts';
import {
  isBrowserNavigation,
  linkCount,
  postedTooSoon,
  spamVerdict,
  type SpamCheck,
  type SpamVerdict,
} from '../spam/spam.ts';
import { isStorageFault, type FaultLog } from '../store/storage-fault.ts';
import type { BlockRecords, CommentRecords, ModerationRecords, RateLimited } from '../store/store.ts';
import { addressHasher } from './client-address.ts';
import { readCommentBody } from './comment-body.ts';
import { CommentReply } from './comment-reply.ts';
import { clientAddress, type PeerAddress } from './request.ts';
import { storageRetrySeconds } from './storage-answer.ts';

export interface PostCommentDeps {
  store: CommentRecords & BlockRecords & Pick<ModerationRecords, 'queueItem'>;
  config: Pick<
    ServiceConfig,
    | 'allowedOrigins'
    | 'moderation'
    | 'rateLimit'
    | 'trustProxy'
    | 'siteUrl'
    | 'maxLinks'
    | 'minSubmitSeconds'
    | 'duplicateHours'
  >;
  addressKey: string;
  peerAddress?: PeerAddress;
  knownArticles?: { has(article: string): boolean };
  spamCheck?: SpamCheck;
  faults: FaultLog;
  notifier: Pick<Notifier, 'commentWaiting' | 'commentApproved'>;
}

/** COMMENTS_RATE_LIMIT counts the comments stored from one client's network in this window. */
const rateLimitWindowMs = 60_000;

/** How long the outside spam check (Akismet) may take before the comment goes to the queue unchecked. */
const spamCheckTimeoutMs = 4000;

/** The honeypot is filled only by a non-empty string: JSON null, false, 0 or "" are not bots. */
const honeypotFilled = (value: unknown) => typeof value === 'string' && value.trim() !== '';

/** A comment that passed validation, ready to be stored. */
interface Accepted {
  comment: CommentInput;
  /** The top comment of the thread (one level of replies). */
  parent: string | null;
  key: string | null;
}

/** The steps of POST /comments over the service's dependencies. */
class CommentPost {
  private readonly deps: PostCommentDeps;
  private readonly allowed: Set<string>;
  private readonly hashAddress: (address: string) => Promise<string>;

  constructor(deps: PostCommentDeps) {
    this.deps = deps;
    this.allowed = new Set(deps.config.allowedOrigins);
    this.hashAddress = addressHasher(deps.addressKey);
  }

  private rateLimit() {
    return { max: this.deps.config.rateLimit, since: new Date(Date.now() - rateLimitWindowMs).toISOString() };
  }

  /**
   * Whether a POST comes from an allowed origin: by Origin; without it, a browser's
   * `Sec-Fetch-Site: same-origin` (the service's own pages) or a Referer on an allowed origin.
   */
  private fromAllowedOrigin(c: Context): boolean {
    const origin = c.req.header('origin');
    if (origin !== undefined) return this.allowed.has(origin);
    if (c.req.header('sec-fetch-site') === 'same-origin') return true;
    return this.returnUrl([c.req.header('referer')]) !== null;
  }

  /** The first candidate that is a URL on an allowed origin: where a form post goes back to. */
  private returnUrl(candidates: unknown[]): URL | null {
    for (const candidate of candidates) {
      if (typeof candidate !== 'string') continue;
      try {
        const url = new URL(candidate);
        if (this.allowed.has(url.origin)) return url;
      } catch {
        // not a URL: try the next one
      }
    }
    return null;
  }

  /** Step 1: the body and where it came from; the fields, or the answer that ends here. */
  private async readAndCheckOrigin(c: Context, reply: CommentReply): Promise<Record<string, unknown> | Response> {
    const body = await readCommentBody(c, limits.bodyBytes);
    // What refusals can return to: the form's `redirect`, even from the start of a body too large, or the Referer.
    if (!reply.json)
      reply.target = this.returnUrl([(body.fields ?? body.prefixFields)[redirectField], c.req.header('referer')]);
    if (!this.fromAllowedOrigin(c))
      return reply.refuse(403, 'This origin may not post comments (see COMMENTS_ALLOWED_ORIGINS)', 'forbidden');
    if (body.tooLarge)
      return reply.refuse(
        413,
        `The comment is too large: at most ${Math.round(limits.bodyBytes / 1024)} KB`,
        'toolarge',
      );
    if (body.refusal) return reply.refuse(body.refusal.status, body.refusal.message, body.refusal.outcome);
    if (!reply.canAnswer) return reply.noReturn();
    return body.fields!;
  }

  /** Step 2: the fields, the article, the parent, links and duplicates. */
  private async validate(body: Record<string, unknown>, reply: CommentReply): Promise<Accepted | Response> {
    const result = validateComment(body);
    if (!result.ok) return reply.invalid(result.fields);
    const comment = result.value;
    const key =
      typeof body[idempotencyField] === 'string' && idempotencyKeyPattern.test(body[idempotencyField])
        ? body[idempotencyField]
        : null;
    const fieldErrors = await this.referenceErrors(comment);
    if ('errors' in fieldErrors) return reply.invalid(fieldErrors.errors);
    if (linkCount(comment.comment) > this.deps.config.maxLinks)
      return reply.refuseText('toomanylinks', refusalMessages.toomanylinks);
    if (this.deps.config.duplicateHours > 0) {
      const since = new Date(Date.now() - this.deps.config.duplicateHours * 3_600_000).toISOString();
      if (await this.deps.store.hasDuplicate(comment.article, comment.comment, since, key))
        return reply.refuseText('duplicate', refusalMessages.duplicate);
    }
    return { comment, parent: fieldErrors.parent, key };
  }

  /** The article must take comments; a parent must be an approved comment on the same article. */
  private async referenceErrors(comment: CommentInput): Promise<{ errors: FieldErrors } | { parent: string | null }> {
    if (this.deps.knownArticles && !this.deps.knownArticles.has(comment.article))
      return { errors: { article: fieldMessages.article } };
    if (!comment.parent) return { parent: null };
    const parent = await this.deps.store.get(comment.parent);
    if (!parent || parent.article !== comment.article || parent.status !== 'approved')
      return { errors: { parent: fieldMessages.parent } };
    // One level of replies: a reply to a reply joins the thread of the top comment.
    return { parent: parent.parent ?? parent.id };
  }

  /** Step 3: the status it is stored with, or a refusal (rate limit before the outside check is paid for). */
  private async decideStatus(
    c: Context,
    reply: CommentReply,
    accepted: Accepted,
    sender: { address: string; ipHash: string; body: Record<string, unknown> },
  ): Promise<CommentStatus | Response> {
    const { comment } = accepted;
    if (await this.deps.store.isBlocked(comment.email, sender.ipHash)) return 'spam';
    let status: CommentStatus = this.deps.config.moderation === 'off' ? 'approved' : 'pending';
    if (this.deps.spamCheck) {
      const verdict = await this.askSpamCheck(this.deps.spamCheck, c, reply, comment, sender);
      if (verdict instanceof Response || verdict === 'spam') return verdict;
      if (verdict === 'unknown') status = 'pending';
    }
    // A form post is published at once only when a person plainly sent it: the page's script said
    // how long they took, or the browser says a person pressed the form's button. Anything else waits.
    const plainlyPerson =
      reply.json || sender.body[elapsedField] !== undefined || isBrowserNavigation((name) => c.req.header(name));
    return status === 'approved' && !plainlyPerson ? 'pending' : status;
  }

  /** The outside check's verdict; a sender over the rate limit is refused before it is asked (and paid for). */
  private async askSpamCheck(
    check: SpamCheck,
    c: Context,
    reply: CommentReply,
    comment: CommentInput,
    sender: { address: string; ipHash: string },
  ): Promise<SpamVerdict | Response> {
    const limited = await this.deps.store.rateLimitReached(sender.ipHash, this.rateLimit());
    if (limited) return this.tooManyComments(reply, limited);
    return spamVerdict(
      check,
      {
        ...comment,
        articleUrl: reply.target?.href ?? articleUrl(this.deps.config.siteUrl, comment.article) ?? comment.article,
        clientAddress: sender.address,
        userAgent: c.req.header('user-agent') ?? '',
        referrer: c.req.header('referer') ?? '',
      },
      spamCheckTimeoutMs,
      (reason) => console.error(`comments: spam check failed, the comment waits for moderation: ${reason}`),
    );
  }

  private tooManyComments(reply: CommentReply, limited: RateLimited): Response {
    const retryAfter = Math.max(1, Math.ceil((Date.parse(limited.oldest) + rateLimitWindowMs - Date.now()) / 1000));
    return reply
      .header('Retry-After', String(retryAfter))
      .refuse(429, `Too many comments from your address: please wait ${retryAfter} seconds and try again`, 'toofast');
  }

  /** Step 5: mail follows a stored comment, and never undoes it: a storage fault while queueing is logged. */
  private async afterStored(id: string, status: CommentStatus) {
    try {
      if (status === 'pending') {
        const item = await this.deps.store.queueItem(id);
        if (item) await this.deps.notifier.commentWaiting(item);
      } else if (status === 'approved') {
        await this.deps.notifier.commentApproved(id);
      }
    } catch (error) {
      if (!isStorageFault(error)) throw error;
      this.deps.faults.report(error);
    }
  }

  async handle(c: Context): Promise<Response> {
    const reply = new CommentReply(c);
    const body = await this.readAndCheckOrigin(c, reply);
    if (body instanceof Response) return body;
    // A filled honeypot is a bot: answer exactly as for an accepted comment, store nothing.
    if (honeypotFilled(body[honeypotField])) return reply.accepted(crypto.randomUUID(), 'pending');
    if (postedTooSoon(body, this.deps.config.minSubmitSeconds))
      return reply
        .header('Retry-After', String(this.deps.config.minSubmitSeconds))
        .refuse(429, refusalMessages.toofast, 'toofast');
    const accepted = await this.validate(body, reply);
    if (accepted instanceof Response) return accepted;
    const address = clientAddress(c, this.deps.peerAddress, this.deps.config.trustProxy);
    const ipHash = await this.hashAddress(address);
    const status = await this.decideStatus(c, reply, accepted, { address, ipHash, body });
    if (status instanceof Response) return status;

    let stored;
    try {
      stored = await this.deps.store.insert(
        {
          ...accepted.comment,
          parent: accepted.parent,
          id: crypto.randomUUID(),
          status,
          ipHash,
          createdAt: new Date().toISOString(),
          idempotencyKey: accepted.key,
        },
        this.rateLimit(),
      );
    } catch (error) {
      if (!isStorageFault(error)) throw error;
      this.deps.faults.report(error);
      return reply.storageDown(storageRetrySeconds);
    }
    if ('rateLimited' in stored) return this.tooManyComments(reply, stored);
    if (!stored.repeated) await this.afterStored(stored.id, stored.status);
    // Spam is told it waits, like everyone else.
    return reply.accepted(stored.id, stored.status === 'approved' ? 'approved' : 'pending');
  }
}

export function postCommentHandler(deps: PostCommentDeps) {
  const post = new CommentPost(deps);
  return (c: Context) => post.handle(c);
}
