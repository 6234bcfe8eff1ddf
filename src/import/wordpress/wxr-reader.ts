/**
 * Reads a WXR file as a stream of records (the site, each author, category, tag and item),
 * one at a time, with saxes: an export of any size is never held in memory as a whole.
 */
import { createReadStream } from 'node:fs';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import {
  WxrError,
  type WxrAuthor,
  type WxrComment,
  type WxrItem,
  type WxrItemTerm,
  type WxrMeta,
  type WxrRecord,
  type WxrSite,
  type WxrTerm,
} from './wxr.ts';

const siteFields: Record<string, keyof WxrSite> = {
  title: 'title',
  link: 'link',
  'wp:base_site_url': 'baseSiteUrl',
  'wp:base_blog_url': 'baseBlogUrl',
  'wp:wxr_version': 'wxrVersion',
};

const authorFields: Record<string, keyof WxrAuthor> = {
  'wp:author_id': 'id',
  'wp:author_login': 'login',
  'wp:author_email': 'email',
  'wp:author_display_name': 'displayName',
  'wp:author_first_name': 'firstName',
  'wp:author_last_name': 'lastName',
  'wp:author_description': 'description',
};

const termFields: Record<string, keyof WxrTerm> = {
  'wp:term_id': 'termId',
  'wp:category_nicename': 'slug',
  'wp:category_parent': 'parent',
  'wp:cat_name': 'name',
  'wp:tag_slug': 'slug',
  'wp:tag_name': 'name',
};

type ItemText = Exclude<keyof WxrItem, 'terms' | 'meta' | 'comments'>;
const itemFields: Record<string, ItemText> = {
  title: 'title',
  link: 'link',
  pubDate: 'pubDate',
  'dc:creator': 'creator',
  guid: 'guid',
  'content:encoded': 'content',
  'excerpt:encoded': 'excerpt',
  'wp:post_id': 'id',
  'wp:post_date': 'date',
  'wp:post_date_gmt': 'dateGmt',
  'wp:post_modified': 'modified',
  'wp:post_modified_gmt': 'modifiedGmt',
  'wp:comment_status': 'commentStatus',
  'wp:post_name': 'name',
  'wp:status': 'status',
  'wp:post_parent': 'parent',
  'wp:menu_order': 'menuOrder',
  'wp:post_type': 'type',
  'wp:post_password': 'password',
  'wp:attachment_url': 'attachmentUrl',
};

const commentFields: Record<string, keyof WxrComment> = {
  'wp:comment_id': 'id',
  'wp:comment_author': 'author',
  'wp:comment_author_email': 'authorEmail',
  'wp:comment_author_url': 'authorUrl',
  'wp:comment_date': 'date',
  'wp:comment_date_gmt': 'dateGmt',
  'wp:comment_content': 'content',
  'wp:comment_approved': 'approved',
  'wp:comment_type': 'type',
  'wp:comment_parent': 'parent',
};

const metaFields: Record<string, keyof WxrMeta> = { 'wp:meta_key': 'key', 'wp:meta_value': 'value' };

const emptySite = (): WxrSite => ({ title: '', link: '', baseSiteUrl: '', baseBlogUrl: '', wxrVersion: '' });
const emptyAuthor = (): WxrAuthor => ({
  id: '',
  login: '',
  email: '',
  displayName: '',
  firstName: '',
  lastName: '',
  description: '',
});
const emptyItem = (): WxrItem =>
  ({
    ...Object.fromEntries(Object.values(itemFields).map((field) => [field, ''])),
    terms: [],
    meta: [],
    comments: [],
  }) as unknown as WxrItem;
const emptyComment = (): WxrComment =>
  Object.fromEntries(Object.values(commentFields).map((field) => [field, ''])) as unknown as WxrComment;

/** Characters XML 1.0 forbids but real exports sometimes carry (pasted from word processors). */
const forbiddenCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export interface ReadStats {
  /** Characters XML forbids that were dropped from the export's text. */
  droppedCharacters: number;
}

/** Where each kind of record is being assembled while its elements stream past. */
interface Open {
  site: WxrSite | null;
  author: WxrAuthor | null;
  term: WxrTerm | null;
  item: WxrItem | null;
  comment: WxrComment | null;
  meta: WxrMeta | null;
  itemTerm: WxrItemTerm | null;
}

/**
 * The records of an export, in file order. `site` comes before the first author, term or
 * item. Throws WxrError for a file that is not XML, not a WordPress export, or cut short.
 */
export async function* readWxr(
  chunks: AsyncIterable<string>,
  fileName = 'the export',
  stats: ReadStats = { droppedCharacters: 0 },
): AsyncGenerator<WxrRecord> {
  const parser = new SaxesParser<{ fileName: string; xmlns: false }>({ fileName, xmlns: false });
  const ready: WxrRecord[] = [];
  const open: Open = {
    site: emptySite(),
    author: null,
    term: null,
    item: null,
    comment: null,
    meta: null,
    itemTerm: null,
  };
  const path: string[] = [];
  let text = '';
  let sawRss = false;
  let sawChannel = false;
  let closedRss = false;
  let failure: Error | null = null;

  const flushSite = () => {
    if (open.site) {
      if (!open.site.wxrVersion) {
        throw new WxrError(
          `${fileName} is an RSS feed, not a WordPress export: it has no <wp:wxr_version>. ` +
            'Export it from WordPress with Tools → Export → All content.',
        );
      }
      ready.push({ kind: 'site', site: open.site });
      open.site = null;
    }
  };

  parser.on('error', (error) => {
    failure ??= error;
  });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    const name = tag.name;
    const parent = path.at(-1);
    path.push(name);
    text = '';
    if (path.length === 1) {
      if (name !== 'rss')
        throw new WxrError(`${fileName} is not a WordPress export: its root element is <${name}>, not <rss>.`);
      sawRss = true;
      return;
    }
    if (name === 'channel' && parent === 'rss') sawChannel = true;
    if (parent !== 'channel' && parent !== 'item' && parent !== 'wp:comment') return;
    if (parent === 'channel') {
      if (name === 'wp:author' || name === 'wp:category' || name === 'wp:tag' || name === 'item' || name === 'wp:term')
        flushSite();
      if (name === 'wp:author') open.author = emptyAuthor();
      if (name === 'wp:category' || name === 'wp:tag') {
        open.term = {
          taxonomy: name === 'wp:tag' ? 'post_tag' : 'category',
          termId: '',
          slug: '',
          name: '',
          parent: '',
        };
      }
      if (name === 'item') open.item = emptyItem();
    } else if (parent === 'item') {
      if (name === 'wp:comment') open.comment = emptyComment();
      if (name === 'wp:postmeta') open.meta = { key: '', value: '' };
      if (name === 'category') {
        open.itemTerm = { domain: tag.attributes.domain ?? '', slug: tag.attributes.nicename ?? '', name: '' };
      }
    }
  });
  const appendText = (chunk: string) => {
    text += chunk;
  };
  parser.on('text', appendText);
  parser.on('cdata', appendText);
  parser.on('closetag', (tag: SaxesTagPlain) => {
    const name = tag.name;
    path.pop();
    const parent = path.at(-1);
    const value = text;
    text = '';
    if (name === 'rss' && path.length === 0) {
      closedRss = true;
      return;
    }
    if (parent === 'channel') {
      if (name === 'channel') return;
      if (open.site && name in siteFields) open.site[siteFields[name]!] = value.trim();
      if (name === 'wp:author' && open.author)
        (ready.push({ kind: 'author', author: open.author }), (open.author = null));
      if ((name === 'wp:category' || name === 'wp:tag') && open.term)
        (ready.push({ kind: 'term', term: open.term }), (open.term = null));
      if (name === 'item' && open.item) (ready.push({ kind: 'item', item: open.item }), (open.item = null));
    } else if (parent === 'wp:author' && open.author && name in authorFields) {
      open.author[authorFields[name]!] = value.trim();
    } else if ((parent === 'wp:category' || parent === 'wp:tag') && open.term && name in termFields) {
      (open.term as unknown as Record<string, string>)[termFields[name]!] = value.trim();
    } else if (parent === 'item' && open.item) {
      if (name in itemFields) open.item[itemFields[name]!] = value;
      if (name === 'wp:comment' && open.comment) (open.item.comments.push(open.comment), (open.comment = null));
      if (name === 'wp:postmeta' && open.meta) (open.item.meta.push(open.meta), (open.meta = null));
      if (name === 'category' && open.itemTerm) {
        open.itemTerm.name = value.trim();
        open.item.terms.push(open.itemTerm);
        open.itemTerm = null;
      }
    } else if (parent === 'wp:comment' && open.comment && name in commentFields) {
      open.comment[commentFields[name]!] = value;
    } else if (parent === 'wp:postmeta' && open.meta && name in metaFields) {
      open.meta[metaFields[name]!] = value;
    }
  });

  const fail = (error: Error): never => {
    if (error instanceof WxrError) throw error;
    throw new WxrError(
      `${fileName} is not well-formed XML: ${error.message.replace(/^[^:]*:(\d+:\d+): /, 'line $1: ')}`,
    );
  };

  for await (const chunk of chunks) {
    const clean = chunk.replace(forbiddenCharacters, () => {
      stats.droppedCharacters++;
      return '';
    });
    try {
      parser.write(clean);
    } catch (error) {
      fail(error as Error);
    }
    if (failure) fail(failure);
    yield* ready.splice(0);
  }
  try {
    parser.close();
  } catch (error) {
    if (!closedRss)
      throw new WxrError(`${fileName} ends too early (cut short while copying?): ${(error as Error).message}`);
    fail(error as Error);
  }
  if (failure && !closedRss)
    throw new WxrError(`${fileName} ends too early (cut short while copying?): ${(failure as Error).message}`);
  if (failure) fail(failure);
  if (!sawRss || !sawChannel) throw new WxrError(`${fileName} is not a WordPress export: it has no <rss><channel>.`);
  if (!closedRss) throw new WxrError(`${fileName} ends too early (cut short while copying?): </rss> is missing.`);
  flushSite();
  yield* ready.splice(0);
}

/** The records of an export file on disk, streamed. */
export function readWxrFile(file: string, stats?: ReadStats): AsyncGenerator<WxrRecord> {
  return readWxr(createReadStream(file, { encoding: 'utf8', highWaterMark: 256 * 1024 }), file, stats);
}
