import { textBlocks } from '../utils/text.ts';

/**
 * The first paragraph of the Markdown/MDX body as plain text, inline markup removed (recorded
 * at content sync by src/article-content/, so the body itself need not be kept).
 */
export function openingText(body: string): string {
  const paragraph = textBlocks(body).find(
    (block) => !/^(import\s|export\s|<|#|\||>|[-*+]\s|\d+\.\s|```|\[\^[^\]]+\]:|---)/.test(block),
  );
  if (!paragraph) return '';
  return paragraph
    .replace(/\[\^[^\]]+\]/g, '') // footnote references
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '') // images
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1') // links keep their text
    .replace(/<[^>]+>/g, '') // inline HTML or components
    .replace(/(\*\*|__|~~|\*|_|`)(.+?)\1/g, '$2') // emphasis, strike-through, code
    .replace(/\s+/g, ' ')
    .trim();
}

/** Plain text cut at a word boundary when it is longer than `maxLength` characters. */
export function cutExcerpt(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  const cut = text.slice(0, maxLength + 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${cut.slice(0, lastSpace > maxLength * 0.6 ? lastSpace : maxLength).replace(/[\s,;:–—-]+$/, '')}…`;
}

/**
 * The opening of an article as plain text, for the front page's lead story:
 * the first paragraph of the Markdown/MDX body with inline markup removed,
 * cut at a word boundary when it is longer than `maxLength` characters.
 */
export function openingParagraph(body: string, maxLength = 600): string {
  return cutExcerpt(openingText(body), maxLength);
}
