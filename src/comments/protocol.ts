/**
 * The comment service protocol: the limits, field names and shapes that the reference service
 * implements and that the `service` provider, the build-time loader and the tests rely on.
 */
export const limits = {
  comment: 5000,
  name: 100,
  email: 254,
  website: 200,
  /** Request bodies larger than this are refused with 413. */
  bodyBytes: 16 * 1024,
  /** Page size of the bulk listing (GET /comments without `article`). */
  pageSize: 500,
  maxPageSize: 1000,
} as const;

/** Field names of POST /comments. `hp` is the honeypot; `redirect` is where a form post returns to. */
export const fields = ['article', 'comment', 'name', 'email', 'website', 'parent'] as const;
export type FieldName = (typeof fields)[number];
export const honeypotField = 'hp';
export const redirectField = 'redirect';
/**
 * A key the client makes up for each comment and sends again with every retry of it: a retry
 * after a lost answer gets the first answer instead of storing a second copy.
 */
export const idempotencyField = 'key';
export const idempotencyKeyPattern = /^[A-Za-z0-9_-]{16,100}$/;

export const statuses = ['pending', 'approved', 'rejected', 'spam'] as const;
export type CommentStatus = (typeof statuses)[number];

/** A comment as anyone may see it: never email or IP. */
export interface PublicComment {
  id: string;
  article: string;
  parent: string | null;
  name: string;
  website: string | null;
  comment: string;
  createdAt: string;
}

/** Everything stored, for moderators (the IP is only kept as a keyed hash and never leaves the store). */
export interface AdminComment extends PublicComment {
  email: string | null;
  status: CommentStatus;
}

export interface ListResponse {
  article: string | null;
  comments: PublicComment[];
  /** Bulk listing only: the cursor of the next page, or null on the last page. */
  next?: string | null;
}

export interface CreatedResponse {
  id: string;
  status: 'pending' | 'approved';
}

export interface ErrorResponse {
  error: string;
  fields?: Partial<Record<FieldName, string>>;
}

/** Outcome values in the query of a form post's redirect (`?comment=pending#comments-pending`). */
export const outcomes = ['pending', 'approved', 'invalid', 'error'] as const;
export type Outcome = (typeof outcomes)[number];
/** Query parameter carrying a field's message after a failed form post: `error.name=...`. */
export const errorParam = (field: FieldName) => `error.${field}`;

/** Comment and article ids: what the service accepts in `article` and `parent`. */
export const articleIdPattern = /^[A-Za-z0-9][A-Za-z0-9._~/-]{0,199}$/;
export const commentIdPattern = /^[A-Za-z0-9-]{1,64}$/;
