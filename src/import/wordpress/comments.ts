/**
 * WordPress comments to the comment data files the build reads (src/comments/data-files.ts):
 * approved comments only, one file each, in content/comments/<article>/. The site shows one
 * level of replies (as the comment service stores them), so a reply to a reply hangs under
 * the comment that started its thread.
 */
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import type { Element, Root } from 'hast';
import { stringify } from 'yaml';
import { limits } from '../../comments/protocol.ts';
import { wordpressDate } from './frontmatter.ts';
import type { WxrComment } from './wxr.ts';

export type SkipReason =
  'pending' | 'spam' | 'trashed' | 'pingback' | 'trackback' | 'empty' | 'too long' | 'not on an article';

export interface CommentFile {
  /** Relative to the content folder. */
  path: string;
  content: string;
}

export interface ConvertedComments {
  files: CommentFile[];
  skipped: Partial<Record<SkipReason, number>>;
}

const commentId = (id: string) => `wp-${id.replace(/[^A-Za-z0-9-]/g, '')}`;

function skipReason(comment: WxrComment): SkipReason | null {
  const type = comment.type.trim();
  if (type === 'pingback' || type === 'trackback') return type;
  if (type && type !== 'comment') return 'pingback';
  switch (comment.approved.trim()) {
    case '1':
      return null;
    case 'spam':
      return 'spam';
    case 'trash':
    case 'post-trashed':
      return 'trashed';
    default:
      return 'pending';
  }
}

/** A comment's HTML (WordPress allows a few tags) as the plain text the site shows: paragraphs, line breaks, link addresses. */
export function commentText(html: string): string {
  const tree = fromHtml(html.replace(/\r\n?/g, '\n'), { fragment: true }) as Root;
  const spell = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      if (child.tagName === 'a') {
        const href = String(child.properties.href ?? '');
        const label = toText(child).trim();
        if (/^https?:/.test(href) && href !== label) child.children.push({ type: 'text', value: ` (${href})` });
      } else if (child.tagName === 'p' || child.tagName === 'blockquote') {
        child.children.push({ type: 'text', value: '\n\n' });
      }
      spell(child);
    }
  };
  spell(tree);
  return toText(tree, { whitespace: 'pre-wrap' })
    .split(/\n[ \t]*\n\s*/)
    .map((paragraph) =>
      paragraph
        .split('\n')
        .map((line) => line.replace(/[ \t]+/g, ' ').trim())
        .filter(Boolean)
        .join('\n'),
    )
    .filter(Boolean)
    .join('\n\n');
}

export function convertComments(article: string | null, comments: readonly WxrComment[]): ConvertedComments {
  const skipped: ConvertedComments['skipped'] = {};
  const skip = (reason: SkipReason) => (skipped[reason] = (skipped[reason] ?? 0) + 1);
  const approved = new Map<string, WxrComment>();
  for (const comment of comments) {
    const reason = skipReason(comment);
    if (reason) skip(reason);
    else if (!article) skip('not on an article');
    else approved.set(comment.id, comment);
  }
  /** The approved comment that starts a thread: replies to hidden comments start their own. */
  const threadOf = (comment: WxrComment): string | null => {
    let parent = approved.get(comment.parent);
    if (!parent) return null;
    const seen = new Set([comment.id]);
    while (parent && approved.has(parent.parent) && !seen.has(parent.parent)) {
      seen.add(parent.id);
      parent = approved.get(parent.parent)!;
    }
    return parent ? commentId(parent.id) : null;
  };
  const files: CommentFile[] = [];
  for (const comment of approved.values()) {
    const text = commentText(comment.content);
    if (!text) {
      skip('empty');
      continue;
    }
    if (text.length > limits.comment) {
      skip('too long');
      continue;
    }
    const id = commentId(comment.id);
    const record = {
      id,
      parent: threadOf(comment),
      name: comment.author.trim().slice(0, limits.name) || 'Anonymous',
      website: comment.authorUrl.trim() || null,
      comment: text,
      createdAt: wordpressDate(comment.dateGmt) ?? wordpressDate(comment.date) ?? '1970-01-01T00:00:00Z',
    };
    files.push({ path: `comments/${article}/${id}.yml`, content: stringify(record, { lineWidth: 0 }) });
  }
  return { files, skipped };
}
