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
}

export interface Page<T> {
  items: T[];
  next: string | null;
}

/**
 * Where comments live. Small on purpose: SQLite (sqlite-store.ts) is the embedded default;
 * another database only needs these methods. Every method may be async.
 */
export interface CommentStore {
  /** Stores a comment durably: when the promise resolves, the comment survives a crash. */
  insert(comment: NewComment): Promise<void>;
  get(id: string): Promise<AdminComment | null>;
  /** Approved comments of one article, oldest first. */
  approved(article: string): Promise<PublicComment[]>;
  /** Approved comments of every article, oldest first, a page at a time. */
  approvedPage(cursor: string | null, limit: number): Promise<Page<PublicComment>>;
  byStatus(status: CommentStatus): Promise<AdminComment[]>;
  setStatus(id: string, status: CommentStatus): Promise<boolean>;
  /** Deletes a comment and its replies; returns how many were deleted. */
  delete(id: string): Promise<number>;
  /** Deletes every comment written with this email address (privacy requests). */
  deleteByEmail(email: string): Promise<number>;
  all(): Promise<AdminComment[]>;
  /** A random secret kept with the data, used to hash client addresses. */
  secret(): Promise<string>;
  close(): Promise<void>;
}
