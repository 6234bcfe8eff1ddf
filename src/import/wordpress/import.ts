/**
 * `npm run import:wordpress`: two streamed passes over the export. The first checks it and
 * indexes what posts refer to (authors, terms, attachments, slugs); the second converts one
 * post at a time into staged files. Only when both succeed does anything reach content/.
 */
import path from 'node:path';
import { stringify } from 'yaml';
import { tagSlug } from '../../articles/tags.ts';
import type { Redirect } from '../../deploy/redirects.ts';
import { reservedPageSlugs } from '../../site-pages/schema.ts';
import { convertComments } from './comments.ts';
import {
  clip,
  mdxFile,
  plainText,
  uniqueTags,
  wordpressDate,
  type ArticleFrontmatter,
  type PageFrontmatter,
} from './frontmatter.ts';
import { htmlToMdx } from './html-to-mdx.ts';
import { archiveRedirects, entryRedirects, renderContentRedirects, type ArchiveTerm } from './redirects.ts';
import { count, emptyReport, type ImportReport } from './report.ts';
import type { Attachment } from './shortcodes.ts';
import { asciiSlug, SlugRegistry } from './slugs.ts';
import { findUpload, listUploads, uploadPath } from './uploads.ts';
import { StagedImport } from './writer.ts';
import { readWxrFile, type ReadStats } from './wxr-reader.ts';
import { WxrError, type WxrItem, type WxrSite, type WxrTerm } from './wxr.ts';

export interface ImportOptions {
  exportFile: string;
  /** The old site's wp-content/uploads folder. */
  uploadsDir?: string | undefined;
  contentDir: string;
  dryRun?: boolean;
  force?: boolean;
}

type EntryState = 'published' | 'draft' | 'scheduled';
interface Entry {
  collection: 'articles' | 'pages';
  slug: string;
  state: EntryState;
  /** Why a post that was public there is a draft here. */
  draftReason?: string;
}
interface IndexedAuthor {
  id: string;
  name: string;
  bio: string;
  bioFallback: boolean;
}
interface ExportIndex {
  site: WxrSite;
  authors: Map<string, IndexedAuthor>;
  terms: WxrTerm[];
  categoriesById: Map<string, WxrTerm>;
  attachments: Map<string, Attachment>;
  entries: Map<string, Entry>;
}

/** What each WordPress item becomes: an entry of a collection in some state, or nothing (and why). */
export function classify(
  item: Pick<WxrItem, 'type' | 'status' | 'password'>,
): { collection: 'articles' | 'pages'; state: EntryState; draftReason?: string } | { skip: string } {
  if (item.type !== 'post' && item.type !== 'page') return { skip: item.type || 'untyped item' };
  const collection = item.type === 'post' ? 'articles' : 'pages';
  switch (item.status) {
    case 'publish':
      return item.password
        ? { collection, state: 'draft', draftReason: 'password-protected there, so a draft here' }
        : { collection, state: 'published' };
    case 'future':
      return collection === 'articles' ? { collection, state: 'scheduled' } : { collection, state: 'draft' };
    case 'draft':
    case 'pending':
    case 'private':
      return { collection, state: 'draft' };
    case 'trash':
      return { skip: `trashed ${item.type}` };
    default:
      return { skip: `${item.status || 'unknown'} ${item.type}` };
  }
}

const meta = (item: WxrItem, key: string) => item.meta.find((m) => m.key === key)?.value;

async function indexExport(file: string, report: ImportReport): Promise<ExportIndex> {
  const stats: ReadStats = { droppedCharacters: 0 };
  let site: WxrSite | null = null;
  const authors = new Map<string, IndexedAuthor>();
  const authorIds = new SlugRegistry();
  const terms: WxrTerm[] = [];
  const attachments = new Map<string, Attachment>();
  const entries = new Map<string, Entry>();
  const slugs = { articles: new SlugRegistry(), pages: new SlugRegistry(reservedPageSlugs) };
  const unknownAuthors: string[] = [];
  for await (const record of readWxrFile(file, stats)) {
    if (record.kind === 'site') site = record.site;
    else if (record.kind === 'author') {
      const { login, displayName, firstName, lastName, description } = record.author;
      const name = displayName || [firstName, lastName].filter(Boolean).join(' ') || login;
      const bio = plainText(description);
      authors.set(login, {
        id: authorIds.take(asciiSlug(login) || `author-${record.author.id}`).slug,
        name,
        bio: bio || `${name} writes for ${site?.title || 'this publication'}.`,
        bioFallback: !bio,
      });
    } else if (record.kind === 'term') terms.push(record.term);
    else {
      const item = record.item;
      if (item.type === 'attachment') {
        attachments.set(item.id, {
          url: item.attachmentUrl || item.guid,
          alt: meta(item, '_wp_attachment_image_alt') ?? '',
          caption: plainText(item.excerpt),
        });
      }
      const kind = classify(item);
      if ('skip' in kind) {
        count(report.skippedItems, kind.skip);
        continue;
      }
      if (!authors.has(item.creator))
        unknownAuthors.push(`"${plainText(item.title) || item.id}" names "${item.creator}"`);
      const wanted = asciiSlug(item.name) || asciiSlug(plainText(item.title)) || `${item.type}-${item.id}`;
      const { slug, renamed } = slugs[kind.collection].take(wanted);
      if (renamed) report.renamed.push({ title: plainText(item.title), wanted, slug });
      entries.set(item.id, {
        collection: kind.collection,
        slug,
        state: kind.state,
        ...(kind.draftReason ? { draftReason: kind.draftReason } : {}),
      });
    }
  }
  report.droppedCharacters = stats.droppedCharacters;
  if (!site) throw new WxrError(`${file} has no channel to import.`);
  if (unknownAuthors.length > 0) {
    throw new WxrError(
      `${file} names authors it does not list (<wp:author>): ${unknownAuthors.slice(0, 10).join('; ')}` +
        `${unknownAuthors.length > 10 ? ` and ${unknownAuthors.length - 10} more` : ''}. ` +
        'Export again with "All content", or add the author to the export.',
    );
  }
  const categoriesById = new Map(terms.filter((t) => t.taxonomy === 'category' && t.termId).map((t) => [t.termId, t]));
  return { site, authors, terms, categoriesById, attachments, entries };
}

/** A category's archive path: its parents' slugs, then its own. */
function archivePath(term: WxrTerm, terms: readonly WxrTerm[]): string {
  const chain = [term.slug];
  let parent = term.parent;
  const seen = new Set([term.slug]);
  while (parent && !seen.has(parent)) {
    seen.add(parent);
    chain.unshift(parent);
    parent = terms.find((t) => t.taxonomy === 'category' && t.slug === parent)?.parent ?? '';
  }
  return chain.join('/');
}

/** The importer's run: returns the report; throws WxrError (bad input) before anything is written. */
export async function importWordPress(options: ImportOptions): Promise<ImportReport> {
  const report = emptyReport(options.exportFile, options.dryRun ?? false);
  const index = await indexExport(options.exportFile, report);
  const uploads = await listUploads(options.uploadsDir);
  const siteUrl = index.site.baseSiteUrl || index.site.link;
  const staged = await StagedImport.create();
  try {
    for (const author of index.authors.values()) {
      await staged.write(
        `authors/${author.id}.yaml`,
        stringify({ name: author.name, bio: author.bio }, { lineWidth: 0 }),
      );
      if (author.bioFallback)
        report.fallbacks.push({
          entry: `authors/${author.id}`,
          reason: 'no biography in the export: a one-line bio was written',
        });
    }
    report.authors = index.authors.size;
    const missing = new Map<string, ImportReport['images']['missing'][number]>();
    /** One entry per file: a resized copy ("-1024x576") and its original are the same picture. */
    const missingImage = (upload: string | null, url: string, reason: string, entry: string) => {
      const key = upload === null ? url : upload.replace(/-\d+x\d+(\.[A-Za-z0-9]+)$/, '$1');
      const known = missing.get(key) ?? { url, reason, entries: [] };
      if (!known.entries.includes(entry)) known.entries.push(entry);
      missing.set(key, known);
    };
    const redirects: Redirect[] = [];
    const tagNames = new Set<string>();
    const publishedTags = new Set<string>();

    for await (const record of readWxrFile(options.exportFile)) {
      if (record.kind !== 'item') continue;
      const item = record.item;
      const entry = index.entries.get(item.id);
      if (!entry) continue;
      const name = `${entry.collection}/${entry.slug}`;
      const fallback = (reason: string) => report.fallbacks.push({ entry: name, reason });

      const resolveImage = (src: string): string => {
        const upload = uploadPath(src, siteUrl);
        if (upload === null) return src;
        const found = findUpload(upload, uploads);
        if (found.found) {
          if (!staged.has(`uploads/${found.file}`)) report.images.copied++;
          staged.copy(`uploads/${found.file}`, path.join(options.uploadsDir!, found.file));
          return `../uploads/${found.file}`;
        }
        const absolute = new URL(src, siteUrl).href;
        missingImage(upload, absolute, options.uploadsDir ? found.reason : 'no --uploads folder given', name);
        return absolute;
      };
      let footnotes: { id: string; content: string }[] = [];
      try {
        footnotes = JSON.parse(meta(item, 'footnotes') ?? '[]') as typeof footnotes;
      } catch {
        fallback('its footnotes could not be read');
      }
      const body = await htmlToMdx(item.content, {
        siteUrl,
        resolveImage,
        attachment: (id) => index.attachments.get(id),
        footnotes,
      });
      if (body.fallback) fallback(body.fallback);
      for (const shortcode of body.unknownShortcodes) (report.shortcodes[shortcode] ??= []).push(name);
      for (const block of body.unknownBlocks) (report.blocks[block] ??= []).push(name);
      report.embeds += body.embeds.length;

      let title = plainText(item.title);
      if (!title) {
        title = clip(body.firstParagraph, 80) || `Untitled ${item.type} ${item.id}`;
        fallback('no title: made one from the first words');
      } else if (title.length > 140) {
        title = clip(title, 140);
        fallback('title longer than 140 characters: shortened');
      }
      let description = clip(plainText(item.excerpt) || body.firstParagraph, 300);
      if (!description) {
        description = title;
        fallback('no excerpt or text: the title is the description');
      }
      if (entry.draftReason) fallback(entry.draftReason);
      const draft = entry.state === 'draft' ? ({ draft: true } as const) : {};

      if (entry.collection === 'pages') {
        const order = Number(item.menuOrder) || 0;
        const frontmatter: PageFrontmatter = { title, description, ...draft, ...(order ? { order } : {}) };
        await staged.write(`pages/${entry.slug}.mdx`, mdxFile(frontmatter, body.mdx));
        if (entry.state === 'published') report.pages.published++;
        else report.pages.drafts++;
        if (entry.state === 'published')
          redirects.push(...entryRedirects({ link: item.link, id: item.id, type: 'page' }, `/${entry.slug}/`, siteUrl));
        const { skipped } = convertComments(null, item.comments);
        for (const [reason, n] of Object.entries(skipped)) count(report.comments.skipped, reason, n);
        continue;
      }

      const date = wordpressDate(item.dateGmt) ?? wordpressDate(item.date) ?? wordpressDate(item.modifiedGmt);
      if (!date)
        throw new WxrError(`${item.title || item.id} has no usable date (${item.dateGmt || item.date || 'none'}).`);
      const modified = wordpressDate(item.modifiedGmt);
      const categories = item.terms.filter((t) => t.domain === 'category');
      const primaryId = meta(item, '_yoast_wpseo_primary_category');
      const primary =
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
      const frontmatter: ArticleFrontmatter = {
        title,
        description,
        author: articleAuthors(item, index.authors),
        date,
        ...(modified && modified > date ? { updated: modified } : {}),
        ...(primary ? { section: primary } : {}),
        tags,
      };
      const thumbnail = index.attachments.get(meta(item, '_thumbnail_id') ?? '');
      if (thumbnail) {
        const upload = uploadPath(thumbnail.url, siteUrl);
        const found = upload === null ? null : findUpload(upload, uploads);
        if (found?.found) {
          if (!staged.has(`uploads/${found.file}`)) report.images.copied++;
          staged.copy(`uploads/${found.file}`, path.join(options.uploadsDir!, found.file));
          const alt = thumbnail.alt.trim() || title;
          if (!thumbnail.alt.trim()) fallback('featured image has no alt text: the title is used');
          frontmatter.image = {
            src: `../uploads/${found.file}`,
            alt,
            ...(thumbnail.caption ? { caption: thumbnail.caption } : {}),
          };
        } else {
          missingImage(
            upload,
            thumbnail.url,
            options.uploadsDir ? (found?.reason ?? 'not an upload of the site') : 'no --uploads folder given',
            name,
          );
          fallback('featured image not found: the article has no hero image');
        }
      }
      Object.assign(frontmatter, draft);
      await staged.write(`articles/${entry.slug}.mdx`, mdxFile(frontmatter, body.mdx));
      report.articles[
        entry.state === 'published' ? 'published' : entry.state === 'scheduled' ? 'scheduled' : 'drafts'
      ]++;
      for (const tag of tags) tagNames.add(tagSlug(tag));
      if (entry.state === 'published') {
        for (const tag of tags) publishedTags.add(tagSlug(tag));
        redirects.push(
          ...entryRedirects({ link: item.link, id: item.id, type: 'post' }, `/articles/${entry.slug}/`, siteUrl),
        );
      }
      const comments = convertComments(entry.slug, item.comments);
      for (const file of comments.files) await staged.write(file.path, file.content);
      report.comments.imported += comments.files.length;
      for (const [reason, n] of Object.entries(comments.skipped)) count(report.comments.skipped, reason, n);
    }

    report.images.missing = [...missing.values()];
    report.tags = tagNames.size;
    const terms: ArchiveTerm[] = index.terms.map((term) => ({
      taxonomy: term.taxonomy,
      name: term.name,
      archivePath: term.taxonomy === 'category' ? archivePath(term, index.terms) : term.slug,
    }));
    redirects.push(...archiveRedirects(terms, publishedTags), {
      from: '/feed/',
      query: {},
      to: '/rss.xml',
      status: 301,
    });
    report.redirects = redirects.length;
    await staged.write('_redirects', renderContentRedirects(redirects, index.site.link || options.exportFile));

    const result = await staged.commit(options.contentDir, {
      force: options.force ?? false,
      apply: !(options.dryRun ?? false),
    });
    report.files = result;
    return report;
  } finally {
    await staged.discard();
  }
}

/**
 * The post's author, or its authors when the export lists co-authors (Co-Authors Plus writes
 * them as `<category domain="author">login</category>`, in byline order). Co-authors the export
 * does not list as `<wp:author>` are left out; the post's own creator is always kept.
 */
export function articleAuthors(item: WxrItem, authors: ReadonlyMap<string, { id: string }>): string | string[] {
  const creator = authors.get(item.creator)!.id;
  const coAuthors = item.terms
    .filter((term) => term.domain === 'author')
    .map((term) => authors.get(term.name) ?? authors.get(term.slug.replace(/^cap-/, '')))
    .filter((author) => author !== undefined)
    .map((author) => author.id);
  const ids = [...new Set(coAuthors.includes(creator) ? coAuthors : [creator, ...coAuthors])];
  return ids.length > 1 ? ids : creator;
}
