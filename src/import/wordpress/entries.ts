/**
 * One WordPress post or page to staged files: its body converted, its frontmatter, its
 * comments, its old addresses. Pages and articles each have their own short function; what
 * they share (the body, the title and description) is done once, in `convertEntry`.
 */
import { tagSlug } from '../../articles/tags.ts';
import type { Redirect } from '../../deploy/redirects.ts';
import { describeChoice } from './authors.ts';
import { convertComments } from './comments.ts';
import { meta, type Entry, type ExportIndex, type IndexedAuthor } from './export-index.ts';
import {
  clip,
  mdxFile,
  plainText,
  uniqueTags,
  wordpressDate,
  type ArticleFrontmatter,
  type PageFrontmatter,
} from './frontmatter.ts';
import { htmlToMdx, type BodyResult } from './html-to-mdx.ts';
import type { MediaLibrary } from './media.ts';
import { entryRedirects } from './redirects.ts';
import { count, type ImportReport } from './report.ts';
import type { SiteAddresses } from './uploads.ts';
import type { StagedImport } from './writer.ts';
import { WxrError, type WxrItem } from './wxr.ts';

/** What converting entries needs and what it adds to. */
export interface EntryContext {
  index: ExportIndex;
  site: SiteAddresses;
  media: MediaLibrary;
  staged: StagedImport;
  report: ImportReport;
  redirects: Redirect[];
  /** Tag slugs of all imported articles, and of published ones (their archives get redirects). */
  tagNames: Set<string>;
  publishedTags: Set<string>;
  /** Published pages, for the pages index. */
  pageList: { slug: string; title: string; order: number }[];
}

interface Converted {
  name: string;
  body: BodyResult;
  title: string;
  description: string;
  fallback(reason: string): void;
}

function readFootnotes(item: WxrItem, fallback: (reason: string) => void): { id: string; content: string }[] {
  try {
    return JSON.parse(meta(item, 'footnotes') ?? '[]') as { id: string; content: string }[];
  } catch {
    fallback('its footnotes could not be read');
    return [];
  }
}

function entryTitle(item: WxrItem, body: BodyResult, fallback: (reason: string) => void): string {
  const title = plainText(item.title);
  if (!title) {
    fallback('no title: made one from the first words');
    return clip(body.firstParagraph, 80) || `Untitled ${item.type} ${item.id}`;
  }
  if (title.length > 140) {
    fallback('title longer than 140 characters: shortened');
    return clip(title, 140);
  }
  return title;
}

/** The body, title and description every entry has, with what the conversion reported. */
async function convertEntry(item: WxrItem, entry: Entry, context: EntryContext): Promise<Converted> {
  const { report, index, media } = context;
  const name = `${entry.collection}/${entry.slug}`;
  const fallback = (reason: string) => report.fallbacks.push({ entry: name, reason });
  const body = await htmlToMdx(item.content, {
    siteUrl: context.site.blog,
    resolveImage: (src) => media.image(src, name)?.local ?? null,
    resolveFile: (src) => media.file(src, name),
    attachment: (id) => index.attachments.get(id),
    postAttachments: () => index.attachmentsByParent.get(item.id) ?? [],
    footnotes: readFootnotes(item, fallback),
  });
  if (body.fallback) fallback(body.fallback);
  for (const shortcode of body.unknownShortcodes) (report.shortcodes[shortcode] ??= []).push(name);
  for (const block of body.unknownBlocks) (report.blocks[block] ??= []).push(name);
  for (const change of body.changes) (report.changes[change] ??= []).push(name);
  report.embeds += body.embeds.length;
  if (body.lostWords.length) report.silentLosses.push({ entry: name, words: body.lostWords });
  const title = entryTitle(item, body, fallback);
  let description = clip(plainText(item.excerpt) || body.firstParagraph, 300);
  if (!description) {
    description = title;
    fallback('no excerpt or text: the title is the description');
  }
  if (entry.draftReason) fallback(entry.draftReason);
  if (entry.author) fallback(describeChoice(entry.author));
  return { name, body, title, description, fallback };
}

export async function importPage(item: WxrItem, entry: Entry, context: EntryContext): Promise<void> {
  const { report } = context;
  const { body, title, description } = await convertEntry(item, entry, context);
  const order = Number(item.menuOrder) || 0;
  const frontmatter: PageFrontmatter = {
    title,
    description,
    ...(entry.state === 'draft' ? { draft: true as const } : {}),
    ...(order ? { order } : {}),
    footer: false,
  };
  await context.staged.write(`pages/${entry.slug}.mdx`, mdxFile(frontmatter, body.mdx));
  if (entry.state === 'published') {
    report.pages.published++;
    context.pageList.push({ slug: entry.slug, title, order });
    context.redirects.push(
      ...entryRedirects({ link: item.link, id: item.id, type: 'page' }, `/${entry.slug}/`, context.site.blog),
    );
  } else report.pages.drafts++;
  const { skipped } = convertComments(null, item.comments);
  for (const [reason, n] of Object.entries(skipped)) count(report.comments.skipped, reason, n);
}

/** The article's tags and section from its categories and tags. */
function articleTerms(item: WxrItem, index: ExportIndex, fallback: (reason: string) => void) {
  const categories = item.terms.filter((t) => t.domain === 'category');
  const primaryId = meta(item, '_yoast_wpseo_primary_category');
  const section =
    (primaryId && index.categoriesById.get(primaryId)?.name) ||
    categories.find((c) => c.slug !== 'uncategorized')?.name;
  let tags = uniqueTags([
    ...categories.filter((c) => c.slug !== 'uncategorized').map((c) => c.name),
    ...item.terms.filter((t) => t.domain === 'post_tag').map((t) => t.name),
  ]);
  if (tags.length === 0) {
    tags = [categories[0]?.name || 'Uncategorized'];
    fallback(`no tags or categories: tagged "${tags[0]}"`);
  }
  return { tags, section };
}

/** The featured image as a hero image, when it was made local. */
function heroImage(
  item: WxrItem,
  converted: Converted,
  context: EntryContext,
): ArticleFrontmatter['image'] | undefined {
  const thumbnail = context.index.attachments.get(meta(item, '_thumbnail_id') ?? '');
  if (!thumbnail) return undefined;
  const local = context.media.image(thumbnail.url, converted.name);
  if (!local) {
    converted.fallback('featured image not made local: the article has no hero image');
    return undefined;
  }
  if (!thumbnail.alt.trim()) converted.fallback('featured image has no alt text: the title is used');
  return {
    src: local.local,
    alt: thumbnail.alt.trim() || converted.title,
    ...(thumbnail.caption ? { caption: thumbnail.caption } : {}),
  };
}

const articleState = { published: 'published', scheduled: 'scheduled', draft: 'drafts' } as const;

/** Counts the article and its tags; a published one's old addresses lead to it. */
function countArticle(item: WxrItem, entry: Entry, tags: readonly string[], context: EntryContext): void {
  context.report.articles[articleState[entry.state]]++;
  for (const tag of tags) context.tagNames.add(tagSlug(tag));
  if (entry.state !== 'published') return;
  for (const tag of tags) context.publishedTags.add(tagSlug(tag));
  const to = `/articles/${entry.slug}/`;
  context.redirects.push(...entryRedirects({ link: item.link, id: item.id, type: 'post' }, to, context.site.blog));
}

/** The article's date: WordPress's GMT date, else its local one (drafts), else when it was last changed. */
function articleDate(item: WxrItem): string {
  const date = wordpressDate(item.dateGmt) ?? wordpressDate(item.date) ?? wordpressDate(item.modifiedGmt);
  if (!date)
    throw new WxrError(`${item.title || item.id} has no usable date (${item.dateGmt || item.date || 'none'}).`);
  return date;
}

export async function importArticle(item: WxrItem, entry: Entry, context: EntryContext): Promise<void> {
  const { report, index } = context;
  const converted = await convertEntry(item, entry, context);
  const date = articleDate(item);
  const modified = wordpressDate(item.modifiedGmt);
  const { tags, section } = articleTerms(item, index, converted.fallback);
  const image = heroImage(item, converted, context);
  const frontmatter: ArticleFrontmatter = {
    title: converted.title,
    description: converted.description,
    author: articleAuthors(item, index.authors, entry.author?.to),
    date,
    ...(modified && modified > date ? { updated: modified } : {}),
    ...(section ? { section } : {}),
    tags,
    ...(image ? { image } : {}),
    ...(entry.state === 'draft' ? { draft: true as const } : {}),
  };
  await context.staged.write(`articles/${entry.slug}.mdx`, mdxFile(frontmatter, converted.body.mdx));
  countArticle(item, entry, tags, context);
  const comments = convertComments(entry.slug, item.comments);
  for (const file of comments.files) await context.staged.write(file.path, file.content);
  report.comments.imported += comments.files.length;
  for (const [reason, n] of Object.entries(comments.skipped)) count(report.comments.skipped, reason, n);
}

/**
 * The post's author, or its authors when the export lists co-authors (Co-Authors Plus writes
 * them as `<category domain="author">login</category>`, in byline order). Co-authors the export
 * does not list as `<wp:author>` are left out; the post's own creator is always kept (or the
 * declared author it was given to, when the export does not declare it).
 */
export function articleAuthors(
  item: WxrItem,
  authors: ReadonlyMap<string, Pick<IndexedAuthor, 'id'>>,
  creatorLogin: string = item.creator,
): string | string[] {
  const creator = authors.get(creatorLogin)!.id;
  const coAuthors = item.terms
    .filter((term) => term.domain === 'author')
    .map((term) => authors.get(term.name) ?? authors.get(term.slug.replace(/^cap-/, '')))
    .filter((author) => author !== undefined)
    .map((author) => author.id);
  const ids = [...new Set(coAuthors.includes(creator) ? coAuthors : [creator, ...coAuthors])];
  return ids.length > 1 ? ids : creator;
}
