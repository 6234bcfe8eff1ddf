/**
 * The import's first pass over the export: checks it and indexes what posts refer to
 * (the site, authors, terms, attachments) and which entry each post or page becomes.
 */
import { reservedPageSlugs } from '../../site-pages/schema.ts';
import { closestAuthor, type AuthorChoice } from './authors.ts';
import { plainText } from './frontmatter.ts';
import { mediaAddresses } from './fetch-media.ts';
import { count, type ImportReport } from './report.ts';
import type { Attachment } from './shortcodes.ts';
import { asciiSlug, readableSlug, SlugRegistry } from './slugs.ts';
import { readWxrFile, type ReadStats } from './wxr-reader.ts';
import { WxrError, type WxrAuthor, type WxrItem, type WxrSite, type WxrTerm } from './wxr.ts';

export type EntryState = 'published' | 'draft' | 'scheduled';
export interface Entry {
  collection: 'articles' | 'pages';
  slug: string;
  state: EntryState;
  /** Why a post that was public there is a draft here. */
  draftReason?: string;
  /** The login the post names when it is not one the export declares, and whose it became. */
  author?: AuthorChoice;
}
export interface IndexedAuthor {
  id: string;
  name: string;
  bio: string;
  bioFallback: boolean;
}
export interface ExportIndex {
  site: WxrSite;
  authors: Map<string, IndexedAuthor>;
  terms: WxrTerm[];
  categoriesById: Map<string, WxrTerm>;
  /** Attachments by id, and by the post they were uploaded to (in file order). */
  attachments: Map<string, Attachment>;
  attachmentsByParent: Map<string, Attachment[]>;
  entries: Map<string, Entry>;
  /** Addresses of files the imported posts refer to (collected for `--fetch-media`). */
  mediaAddresses: Set<string>;
}

export interface IndexOptions {
  /** Collect the addresses of the files posts refer to, to download them. */
  collectMedia?: boolean;
  /** `old=new` logins for authors the export names but does not declare. */
  authorMap?: ReadonlyMap<string, string>;
  /** The login that takes posts whose author matches nothing declared. */
  fallbackAuthor?: string | undefined;
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

export const meta = (item: WxrItem, key: string) => item.meta.find((m) => m.key === key)?.value;

/** The first pass's state while records stream past. */
class Indexer {
  site: WxrSite | null = null;
  readonly authors = new Map<string, IndexedAuthor>();
  readonly #authorIds = new SlugRegistry();
  readonly terms: WxrTerm[] = [];
  readonly attachments = new Map<string, Attachment>();
  readonly attachmentsByParent = new Map<string, Attachment[]>();
  readonly entries = new Map<string, Entry>();
  readonly mediaAddresses = new Set<string>();
  /** Posts naming undeclared authors, resolved once every author is known. */
  readonly #unresolved: { entry: Entry; login: string; title: string }[] = [];
  readonly #slugs = { articles: new SlugRegistry(), pages: new SlugRegistry(reservedPageSlugs) };

  readonly report: ImportReport;
  readonly collectMedia: boolean;

  constructor(report: ImportReport, collectMedia: boolean) {
    this.report = report;
    this.collectMedia = collectMedia;
  }

  addAuthor(author: WxrAuthor): void {
    const { login, displayName, firstName, lastName, description } = author;
    const name = displayName || [firstName, lastName].filter(Boolean).join(' ') || login;
    const bio = plainText(description);
    this.authors.set(login, {
      id: this.#authorIds.take(asciiSlug(login) || `author-${author.id}`).slug,
      name,
      bio: bio || `${name} writes for ${this.site?.title || 'this publication'}.`,
      bioFallback: !bio,
    });
  }

  addItem(item: WxrItem): void {
    if (item.type === 'attachment') this.#addAttachment(item);
    const kind = classify(item);
    if ('skip' in kind) {
      count(this.report.skippedItems, kind.skip);
      return;
    }
    const title = plainText(item.title);
    const wanted = readableSlug(item.name) || readableSlug(title) || `${item.type}-${item.id}`;
    const { slug, renamed } = this.#slugs[kind.collection].take(wanted);
    if (renamed) this.report.renamed.push({ title, wanted, slug });
    const entry: Entry = {
      collection: kind.collection,
      slug,
      state: kind.state,
      ...(kind.draftReason ? { draftReason: kind.draftReason } : {}),
    };
    this.entries.set(item.id, entry);
    if (this.collectMedia) for (const address of mediaAddresses(item.content)) this.mediaAddresses.add(address);
    if (!this.authors.has(item.creator)) this.#unresolved.push({ entry, login: item.creator, title: title || item.id });
  }

  #addAttachment(item: WxrItem): void {
    const attachment: Attachment = {
      url: item.attachmentUrl || item.guid,
      alt: meta(item, '_wp_attachment_image_alt') ?? '',
      caption: plainText(item.excerpt),
      title: plainText(item.title),
    };
    this.attachments.set(item.id, attachment);
    if (this.collectMedia && attachment.url) this.mediaAddresses.add(attachment.url);
    if (item.parent && item.parent !== '0') {
      const siblings = this.attachmentsByParent.get(item.parent) ?? [];
      siblings.push(attachment);
      this.attachmentsByParent.set(item.parent, siblings);
    }
  }

  /** Gives each post naming an undeclared author a declared one, or stops when none fits. */
  resolveAuthors(file: string, options: IndexOptions): void {
    const declared = [...this.authors.keys()];
    const stuck: string[] = [];
    for (const { entry, login, title } of this.#unresolved) {
      const choice = closestAuthor(login, declared, options);
      if (choice) entry.author = choice;
      else stuck.push(`"${title}" names "${login}"`);
    }
    if (stuck.length === 0) return;
    throw new WxrError(
      `${file} names authors it does not list (<wp:author>): ${stuck.slice(0, 10).join('; ')}` +
        `${stuck.length > 10 ? ` and ${stuck.length - 10} more` : ''}. ` +
        'Map them with --author-map old=new, or give a --fallback-author, or add the author to the export.',
    );
  }
}

export async function indexExport(
  file: string,
  report: ImportReport,
  options: IndexOptions = {},
): Promise<ExportIndex> {
  const stats: ReadStats = { droppedCharacters: 0 };
  const indexer = new Indexer(report, options.collectMedia ?? false);
  for await (const record of readWxrFile(file, stats)) {
    if (record.kind === 'site') indexer.site = record.site;
    else if (record.kind === 'author') indexer.addAuthor(record.author);
    else if (record.kind === 'term') indexer.terms.push(record.term);
    else indexer.addItem(record.item);
  }
  report.droppedCharacters = stats.droppedCharacters;
  if (!indexer.site) throw new WxrError(`${file} has no channel to import.`);
  indexer.resolveAuthors(file, options);
  const { site, authors, terms, attachments, attachmentsByParent, entries, mediaAddresses } = indexer;
  const categoriesById = new Map(terms.filter((t) => t.taxonomy === 'category' && t.termId).map((t) => [t.termId, t]));
  return { site, authors, terms, categoriesById, attachments, attachmentsByParent, entries, mediaAddresses };
}

/** A category's archive path: its parents' slugs, then its own. */
export function archivePath(term: WxrTerm, terms: readonly WxrTerm[]): string {
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
