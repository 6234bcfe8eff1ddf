/** Words in an MDX body, ignoring frontmatter, import/export lines, tags, and Markdown syntax. */
export function countWords(mdxBody: string): number {
  const text = mdxBody
    .replace(/^---[\s\S]*?---/, ' ')
    .replace(/^(import|export)\s.*$/gm, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\[\^[^\]]*\]:?/g, ' ')
    .replace(/\]\([^)]*\)/g, ' ')
    .replace(/[#>*_`|~[\]-]+/g, ' ');
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

/** Whole minutes to read, at least one. */
export function readingMinutes(mdxBody: string, wordsPerMinute: number): number {
  return Math.max(1, Math.round(countWords(mdxBody) / wordsPerMinute));
}
