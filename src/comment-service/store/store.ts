/**
 * What the comment service keeps, and the interfaces of its store split by concern: each part of the
 * service asks only for the interfaces it uses; the SQL stores (sql-store.ts) implement all of them.
 */
import type { AdminComment, CommentStatus, PublicComment } from '../../comments/protocol.ts';
import type { NewsletterRecords } from './newsletter-records.ts';

export interface NewComment {
  id: string;
  article: string;
  parent: string | null;
  name: string;
  email: string | null;
  website: string | null;
  comment: string;
  status: CommentStatus;
  ipHash: string | null;
  createdAt: string;
  /** The client's key for this post: a retry with the same key stores nothing new. */
  idempotencyKey: string | null;
  /** The commenter ticked "notify me of replies" (only kept with an e-mail address). */
  notify?: boolean;
}

/** What insert stored: the new comment, or the one stored earlier under the same idempotency key. */
export interface StoredOutcome {
  id: string;
  status: CommentStatus;
  repeated: boolean;
}

/** What the moderation page asks for: newest first, filtered, a page at a time. */
export interface QueueQuery {
  /** One status, or every status. */
  status: CommentStatus | 'all';
  article: string | null;
  /** Text searched in the comment, the name, the e-mail address and the website, case-insensitively. */
  search: string | null;
  /** Only comments created after this time (ISO), for the moderators' digest. */
  createdAfter?: string | null;
  offset: number;
  limit: number;
}

/** A comment as moderators see it: with its client hash (to block), its reply target and its notify flag. */
export interface QueueItem extends AdminComment {
  clientHash: string | null;
  notify: boolean;
  /** The comment this one answers, when it is a reply and that comment still exists. */
  replyTo: { id: string; name: string; comment: string } | null;
}

export interface QueuePage {
  items: QueueItem[];
  /** How many comments match the query in all. */
  total: number;
}

/** A blocked sender: by e-mail address (folded, see email-key.ts) or by client hash. */
export type BlockKind = 'email' | 'client';
export interface Block {
  kind: BlockKind;
  value: string;
  createdAt: string;
}

/** An e-mail waiting in the outbox, or on its way. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** An HTML alternative to the text (newsletter mails have one). */
  html?: string;
  /** Extra headers, such as List-Unsubscribe. */
  headers: Record<string, string>;
}
export interface QueuedMail extends OutgoingMail {
  /** Mails with the same key are queued once (for example one notice per reply). */
  dedupeKey: string | null;
  /** The comments the mail quotes or answers: deleting any of them deletes the mail while it is unsent. */
  commentIds: string[];
}
export interface OutboxMail extends OutgoingMail {
  id: number;
  attempts: number;
}

/**
 * The rate limit, held by the store so that every instance on one database agrees: at most `max`
 * comments stored from one address hash created after `since` (ISO). Only stored comments count.
 */
export interface RateLimitRule {
  max: number;
  since: string;
}

/** Nothing stored: the address hash has `max` comments in the window; the oldest was created at `oldest`. */
export interface RateLimited {
  rateLimited: true;
  oldest: string;
}

export interface ThreadSubscriber {
  commentId: string;
  name: string;
  email: string;
}

export interface Page<T> {
  items: T[];
  next: string | null;
}

/**
 * Comments as readers post and read them. Another database needs the interfaces below and must pass
 * tests/support/store-contract.ts. Methods throw a StorageFault (storage-fault.ts) when the
 * storage cannot serve.
 */
export interface CommentRecords {
  /**
   * Stores a comment durably (when the promise resolves, the comment survives a crash), unless a
   * comment with the same idempotency key is stored (returned, `repeated`) or `limit` is reached
   * for its ipHash: checking and storing are one atomic step, across instances too. Text is stored
   * well-formed (a lone surrogate becomes U+FFFD).
   */
  insert(comment: NewComment, limit?: RateLimitRule): Promise<StoredOutcome | RateLimited>;
  /**
   * Whether `limit` is already reached for an address hash (null when it is not): a read, for
   * refusing a post before an outside check is paid for; only insert's answer is authoritative.
   */
  rateLimitReached(ipHash: string, limit: RateLimitRule): Promise<RateLimited | null>;
  get(id: string): Promise<AdminComment | null>;
  /** Approved comments of one article, oldest first, a page at a time. */
  approved(article: string, cursor: string | null, limit: number): Promise<Page<PublicComment>>;
  /** Approved comments of every article, oldest first, a page at a time. */
  approvedPage(cursor: string | null, limit: number): Promise<Page<PublicComment>>;
  /**
   * Whether a comment with exactly this text was posted on this article at or after `since` (ISO),
   * other than one stored under `exceptKey` (a retry of the same post, answered by insert).
   */
  hasDuplicate(article: string, comment: string, since: string, exceptKey: string | null): Promise<boolean>;
}

/** What moderators do to comments: list, change status, delete, export. */
export interface ModerationRecords {
  byStatus(status: CommentStatus): Promise<AdminComment[]>;
  setStatus(id: string, status: CommentStatus): Promise<boolean>;
  /** Deletes a comment and its replies, and unsent mail quoting them, unrecoverably; returns how many comments. */
  delete(id: string): Promise<number>;
  /** Deletes every comment written with this email address (privacy requests), matched case-folded, and mail to or about them. */
  deleteByEmail(email: string): Promise<number>;
  all(): Promise<AdminComment[]>;
  /** Comments matching a query, newest first. */
  queue(query: QueueQuery): Promise<QueuePage>;
  /** One comment as moderators see it. */
  queueItem(id: string): Promise<QueueItem | null>;
}

/** How long personal data stays (retention.ts). */
export interface RetentionRecords {
  /** Erases e-mail addresses and address hashes of comments with these statuses last changed before `before` (ISO). */
  forgetPersonalData(statuses: readonly CommentStatus[], before: string): Promise<number>;
  /** Drops the records of mails sent before `before` (ISO); returns how many. */
  forgetSentMail(before: string): Promise<number>;
}

/** Blocked senders. */
export interface BlockRecords {
  /** Whether the e-mail address (folded) or the client hash is blocked. */
  isBlocked(email: string | null, clientHash: string | null): Promise<boolean>;
  /** Blocks a sender; the value of an e-mail block is folded before it is stored. */
  block(kind: BlockKind, value: string, at: string): Promise<void>;
  /** Returns false when there was no such block. */
  unblock(kind: BlockKind, value: string): Promise<boolean>;
  blocks(): Promise<Block[]>;
}

/** Moderators' sessions and sign-in throttling (ids and clients only as hashes). */
export interface SessionRecords {
  createSession(idHash: string, expiresAt: string): Promise<void>;
  /** Whether a session exists and has not expired at `now` (ISO). */
  hasSession(idHash: string, now: string): Promise<boolean>;
  deleteSession(idHash: string): Promise<void>;
  /**
   * Counts a sign-in attempt of a client before its token is checked, and returns how many of its
   * attempts since `since` are counted, this one included (older ones are forgotten). Recording and
   * counting happen in this order, so of any number of concurrent attempts at most `n` see a count <= `n`.
   */
  countSignInAttempt(clientHash: string, at: string, since: string): Promise<number>;
  /** Forgets a client's counted attempts (after a correct token). */
  clearSignInAttempts(clientHash: string): Promise<void>;
}

/** The outbox of e-mails, and what mail links need. */
export interface MailRecords {
  /** Queues a mail; false when one with the same dedupe key was queued before. */
  enqueueMail(mail: QueuedMail, at: string): Promise<boolean>;
  /** Unsent mails whose next attempt is due at `now`, oldest first. */
  dueMail(now: string, limit: number): Promise<OutboxMail[]>;
  /**
   * Takes a due mail for sending until `leaseUntil`: false when another sender (another instance
   * on the same database) took it first. A sender that dies holding it leaves it due again then.
   */
  claimMail(id: number, now: string, leaseUntil: string): Promise<boolean>;
  /** claimMail for several mails in one step (one write): the ids this sender took. */
  claimMails(ids: readonly number[], now: string, leaseUntil: string): Promise<number[]>;
  /** Marks a mail sent and erases its address and text (the dedupe key stays). */
  mailSent(id: number, at: string): Promise<void>;
  mailFailed(id: number, error: string, nextAttemptAt: string): Promise<void>;
  /** Unsent mails in the outbox. */
  unsentMailCount(): Promise<number>;
  /** Records a single-use token; false when it was used before. Expired records are dropped. */
  useToken(id: string, expiresAt: string, now: string): Promise<boolean>;
  /**
   * Who asked to hear of replies in a thread (the top comment `threadId` and its approved replies),
   * one entry per address (folded), in the order they wrote: the name and address as first written.
   */
  threadSubscribers(threadId: string): Promise<ThreadSubscriber[]>;
  /** Stops reply notifications to an address (matched folded); returns how many comments asked for them. */
  unsubscribe(email: string): Promise<number>;
}

/** Small named values kept by the service (such as when the last digest went out). */
export interface MarkerRecords {
  marker(name: string): Promise<string | null>;
  setMarker(name: string, value: string): Promise<void>;
  /**
   * Sets a marker only if it still has the value `expected` (null: not set), in one atomic step
   * across instances; false when another writer changed it first.
   */
  advanceMarker(name: string, expected: string | null, value: string): Promise<boolean>;
}

/** The storage itself. */
export interface StorageHealth {
  /** Throws unless the storage can be read (and, with `write`, written). */
  check(write: boolean): Promise<void>;
  close(): Promise<void>;
}

/**
 * Everything the service keeps: SQLite (sqlite-store.ts) is the embedded default, D1
 * (d1-store.ts) on Cloudflare Workers and PostgreSQL (postgres-store.ts) for several instances;
 * the SQL they share is in sql-store.ts.
 */
export interface CommentStore
  extends
    CommentRecords,
    ModerationRecords,
    RetentionRecords,
    BlockRecords,
    SessionRecords,
    MailRecords,
    MarkerRecords,
    NewsletterRecords,
    StorageHealth {}
