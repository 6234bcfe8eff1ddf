/**
 * The comment service protocol: the limits, field names and shapes that the reference service
 * implements and that the `service` provider, the build-time loader and the tests rely on.
 */
/**
 * Field lengths in characters (code points), so a comment in any script gets the same room. Apart
 * from `limits`, so that the page's comment script, which checks fields, does not carry the rest.
 */
export const fieldLimits = { comment: 5000, name: 100, email: 254, website: 200 } as const;

/**
 * The most bytes one character can take in a request body: a 4-byte UTF-8 character
 * percent-encoded (%F0%9F%98%80), or in JSON as two \uXXXX escapes.
 */
const maxBytesPerCharacter = 12;
/** Room for the article id, parent, idempotency key, redirect URL and field names. */
const bodyOverheadBytes = 4096;

/** The field lengths and the service's other limits. */
export const limits = {
  ...fieldLimits,
  /**
   * Request bodies larger than this are refused with 413: a comment with every field at its longest,
   * in the widest characters, still fits (70 KB).
   */
  bodyBytes:
    Math.ceil(
      (maxBytesPerCharacter * Object.values(fieldLimits).reduce((sum, n) => sum + n, 0) + bodyOverheadBytes) / 1024,
    ) * 1024,
  /** Page size of the bulk listing (GET /comments without `article`). */
  pageSize: 500,
  /** Page size of one article's thread (GET /comments?article=…): the page script asks for more with the cursor. */
  threadPageSize: 100,
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
/** The "notify me of replies" checkbox: ticked, the commenter's address gets an e-mail when a reply is approved. */
export const notifyField = 'notify';
/**
 * Milliseconds between the page's load and the post, filled in by the page's script at submit
 * (performance.now(): the reader's own clock, so no clock skew, and sound for a page built long ago).
 */
export const elapsedField = 'elapsed';

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
  /** The cursor of the next page (send it as `cursor`), or null on the last page. */
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
export const outcomes = [
  'pending',
  'approved',
  'invalid',
  'error',
  'duplicate',
  'toomanylinks',
  'toofast',
  'forbidden',
  'toolarge',
  'unsupported',
] as const;
export type Outcome = (typeof outcomes)[number];
/** Query parameter carrying a field's message after a failed form post: `error.name=...`. */
export const errorParam = (field: FieldName) => `error.${field}`;

/** Comment and article ids: what the service accepts in `article` and `parent`. */
export const articleIdPattern = /^[A-Za-z0-9][A-Za-z0-9._~/-]{0,199}$/;
export const commentIdPattern = /^[A-Za-z0-9-]{1,64}$/;

/** A text's length in characters (code points), as the limits count it. */
export const characterCount = (text: string) => [...text].length;
