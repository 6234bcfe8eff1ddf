/**
 * Comments kept as data files in content/comments/: what Staticman commits, and what an
 * export from the service (GET /admin/export) can be turned into. Accepted shapes:
 * - content/comments/<article>/<anything>.yml|yaml|json: one comment (Staticman's layout);
 * - content/comments/<anything>.json: a list of comments, each with its `article`
 *   (or an export: `{ "comments": [...] }`, where only approved ones are kept).
 * Field names of both the service (comment, website, createdAt, id) and Staticman
 * (message, url, date, _id) are understood.
 */
import type { PublicComment } from './protocol.ts';

/** A comment read from a data file has exactly the public fields of the service's listing. */
export type RawComment = PublicComment;

const text = (value: unknown): string | null =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null;

/** Staticman writes `date` as Unix seconds or an ISO string; the service writes ISO `createdAt`. */
function date(value: unknown): string | null {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') return new Date(value < 1e12 ? value * 1000 : value).toISOString();
  if (typeof value === 'string' && /^\d+$/.test(value)) return date(Number(value));
  if (typeof value === 'string') {
    const parsed = new Date(value);
    return Number.isNaN(parsed.getTime()) ? null : parsed.toISOString();
  }
  return null;
}

/** One record from a data file, or a message saying what is wrong with it. */
export function normaliseComment(
  raw: unknown,
  articleFromPath: string | null,
  fallbackId: string,
): RawComment | string {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'a comment must be an object of fields';
  const record = raw as Record<string, unknown>;
  if (record.status !== undefined && record.status !== 'approved') return 'skipped: not approved';
  const fields = {
    article: firstText(record.article, record.slug) ?? articleFromPath,
    createdAt: date(record.createdAt ?? record.date),
    comment: firstText(record.comment, record.message),
    name: text(record.name),
  };
  const missing = missingField(fields);
  if (missing) return missing;
  return {
    id: firstText(record.id, record._id) ?? fallbackId,
    article: fields.article!,
    parent: firstText(record.parent, record.replying_to) || null,
    name: fields.name!,
    website: firstText(record.website, record.url),
    comment: fields.comment!,
    createdAt: fields.createdAt!,
  };
}

/** The first of the values that is text, or null. */
const firstText = (...values: unknown[]): string | null => values.map(text).find((value) => value !== null) ?? null;

/** What a record lacks that every comment needs, or undefined. */
function missingField(fields: Record<'article' | 'createdAt' | 'comment' | 'name', string | null | undefined>) {
  if (!fields.article) return 'no article: put the file in content/comments/<article>/ or give it an "article" field';
  if (!fields.comment) return 'no "comment" (or "message") text';
  if (!fields.name) return 'no "name"';
  if (!fields.createdAt) return 'no valid "createdAt" (or "date")';
  return undefined;
}

/** The records in one parsed data file. */
export function recordsOf(parsed: unknown): unknown[] {
  if (Array.isArray(parsed)) return parsed;
  if (parsed && typeof parsed === 'object' && Array.isArray((parsed as { comments?: unknown }).comments)) {
    return (parsed as { comments: unknown[] }).comments;
  }
  return [parsed];
}
