import type { AdminComment, CommentStatus, PublicComment } from '../protocol.ts';

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
}

/** What insert stored: the new comment, or the one stored earlier under the same idempotency key. */
export interface StoredOutcome {
  id: string;
  status: CommentStatus;
  repeated: boolean;
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

export interface Page<T> {
  items: T[];
  next: string | null;
}

/**
 * Where comments live. Small on purpose: SQLite (sqlite-store.ts) is the embedded default, D1
 * (d1-store.ts) on Cloudflare Workers and PostgreSQL (postgres-store.ts) for several instances;
 * the SQL they share is in sql-store.ts. Another database only needs these methods and must pass
 * tests/support/store-contract.ts. Methods throw a StorageFault (storage-fault.ts) when the
 * storage cannot serve.
 */
export interface CommentStore {
  /**
   * Stores a comment durably (when the promise resolves, the comment survives a crash), unless a
   * comment with the same idempotency key is stored (returned, `repeated`) or `limit` is reached
   * for its ipHash: checking and storing are one atomic step, across instances too.
   */
  insert(comment: NewComment, limit?: RateLimitRule): Promise<StoredOutcome | RateLimited>;
  get(id: string): Promise<AdminComment | null>;
  /** Approved comments of one article, oldest first. */
  approved(article: string): Promise<PublicComment[]>;
  /** Approved comments of every article, oldest first, a page at a time. */
  approvedPage(cursor: string | null, limit: number): Promise<Page<PublicComment>>;
  byStatus(status: CommentStatus): Promise<AdminComment[]>;
  setStatus(id: string, status: CommentStatus): Promise<boolean>;
  /** Deletes a comment and its replies, unrecoverably; returns how many were deleted. */
  delete(id: string): Promise<number>;
  /** Deletes every comment written with this email address (privacy requests), matched case-folded. */
  deleteByEmail(email: string): Promise<number>;
  /** Erases e-mail addresses and address hashes of comments with these statuses last changed before `before` (ISO). */
  forgetPersonalData(statuses: readonly CommentStatus[], before: string): Promise<number>;
  all(): Promise<AdminComment[]>;
  /** Throws unless the storage can be read (and, with `write`, written). */
  check(write: boolean): Promise<void>;
  close(): Promise<void>;
}
