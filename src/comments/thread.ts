import { textBlocks } from '../utils/text.ts';
import { parseHttpUrl } from '../utils/urls.ts';

/** A comment as the page renders it (from the content layer, or from the service after the build). */
export interface DisplayComment {
  id: string;
  parent: string | null;
  name: string;
  website: string | null;
  comment: string;
  createdAt: Date;
}

export interface Thread<T extends DisplayComment = DisplayComment> {
  comment: T;
  replies: T[];
}

/** One level of threads, oldest first; a reply whose parent is not shown becomes a top comment. */
export function threads<T extends DisplayComment>(comments: readonly T[]): Thread<T>[] {
  const sorted = [...comments].sort(
    (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id),
  );
  const top = new Map<string, Thread<T>>();
  for (const comment of sorted) if (!comment.parent) top.set(comment.id, { comment, replies: [] });
  for (const comment of sorted) {
    if (!comment.parent) continue;
    const thread = top.get(comment.parent);
    if (thread) thread.replies.push(comment);
    else top.set(comment.id, { comment, replies: [] });
  }
  return [...top.values()].sort((a, b) => a.comment.createdAt.getTime() - b.comment.createdAt.getTime());
}

/** Paragraphs (split at blank lines), each a list of lines. Text only: the page escapes it. */
export function paragraphs(text: string): string[][] {
  return textBlocks(text).map((block) => block.split('\n'));
}

/** A website link is only ever an http(s) URL; anything else is dropped. */
export function safeWebsite(value: string | null | undefined): string | null {
  if (!value) return null;
  return parseHttpUrl(value)?.href ?? null;
}

export function countLabel(count: number): string {
  return count === 0 ? 'Comments' : count === 1 ? '1 comment' : `${count.toLocaleString('en')} comments`;
}
