/**
 * Frontmatter for imported entries, shaped by src/articles/schema.ts (articles) and
 * src/site-pages/schema.ts (pages), and the text rules they enforce.
 */
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import { stringify } from 'yaml';
import { tagSlug } from '../../articles/tags.ts';

/** Text of a bit of HTML: tags dropped, entities decoded, whitespace collapsed. */
export function plainText(html: string): string {
  return toText(fromHtml(html, { fragment: true }))
    .replace(/\s+/g, ' ')
    .trim();
}

/** At most `max` characters, cut at a word and marked with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, '')}…`;
}

/** A WordPress date ("2022-08-08 09:00:00", UTC for the *_gmt fields) as ISO 8601; null for WordPress's zero date. */
export function wordpressDate(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(value.trim());
  if (!match || match[1] === '0000') return null;
  const date = new Date(`${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}Z`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString().replace('.000Z', 'Z');
}

/** Tag names without repeats (by the site's tag slug), in order. */
export function uniqueTags(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.filter((name) => {
    const slug = tagSlug(name);
    if (!name.trim() || !slug || seen.has(slug)) return false;
    seen.add(slug);
    return true;
  });
}

export interface ArticleFrontmatter {
  title: string;
  description: string;
  /** One author id, or a list when the post has co-authors. */
  author: string | string[];
  date: string;
  updated?: string;
  section?: string;
  tags: string[];
  image?: { src: string; alt: string; caption?: string };
  draft?: true;
}

export interface PageFrontmatter {
  title: string;
  description: string;
  draft?: true;
  order?: number;
  /** Imported pages are listed on the pages index, not each in the footer. */
  footer?: false;
}

/** An MDX file: YAML frontmatter, a blank line, the body. */
export function mdxFile(frontmatter: ArticleFrontmatter | PageFrontmatter, body: string): string {
  const yaml = stringify(frontmatter, { lineWidth: 0 });
  return `---\n${yaml}---\n\n${body.trim()}\n`;
}
