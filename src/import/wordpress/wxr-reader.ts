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
// eslint-disable-next-line no-control-regex -- matching these control characters is the point: they are dropped before parsing.
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

/** Everything the parser's event handlers share while one export is read. */
interface ReaderState {
  fileName: string;
  /** Records finished since the reader last handed them on. */
  ready: WxrRecord[];
  open: Open;
  /** The names of the open elements, outermost first. */
  path: string[];
  /** The text of the element being read, so far. */
  text: string;
  sawRss: boolean;
  sawChannel: boolean;
  closedRss: boolean;
  /** The first error the parser reported. */
  failure: Error | null;
}

/** Sets the field of `record` that element `name` fills, if the table names one (own keys only). */
function setField<Rec extends object>(
  record: Rec | null,
  fields: Record<string, keyof Rec>,
  name: string,
  value: string,
): void {
  if (record && Object.hasOwn(fields, name)) (record as Record<keyof Rec, string>)[fields[name]!] = value;
}

/** Hands on the site record once its fields are read (the first author, term or item ends them). */
function flushSite(state: ReaderState): void {
  const { open } = state;
  if (!open.site) return;
  if (!open.site.wxrVersion) {
    throw new WxrError(
      `${state.fileName} is an RSS feed, not a WordPress export: it has no <wp:wxr_version>. ` +
        'Export it from WordPress with Tools → Export → All content.',
    );
  }
  state.ready.push({ kind: 'site', site: open.site });
  open.site = null;
}

const emptyTerm = (taxonomy: WxrTerm['taxonomy']): WxrTerm => ({
  taxonomy,
  termId: '',
  slug: '',
  name: '',
  parent: '',
});

type Opener = (state: ReaderState, tag: SaxesTagPlain) => void;

/** What opening an element directly inside <channel> starts. */
const channelOpeners = new Map<string, Opener>([
  [
    'wp:author',
    (state) => {
      flushSite(state);
      state.open.author = emptyAuthor();
    },
  ],
  [
    'wp:category',
    (state) => {
      flushSite(state);
      state.open.term = emptyTerm('category');
    },
  ],
  [
    'wp:tag',
    (state) => {
      flushSite(state);
      state.open.term = emptyTerm('post_tag');
    },
  ],
  [
    'item',
    (state) => {
      flushSite(state);
      state.open.item = emptyItem();
    },
  ],
  ['wp:term', flushSite],
]);

/** What opening an element directly inside an <item> starts. */
const itemOpeners = new Map<string, Opener>([
  [
    'wp:comment',
    (state) => {
      state.open.comment = emptyComment();
    },
  ],
  [
    'wp:postmeta',
    (state) => {
      state.open.meta = { key: '', value: '' };
    },
  ],
  [
    'category',
    (state, tag) => {
      state.open.itemTerm = { domain: tag.attributes.domain ?? '', slug: tag.attributes.nicename ?? '', name: '' };
    },
  ],
]);

/** Openers by the parent element's name. */
const openers = new Map([
  ['channel', channelOpeners],
  ['item', itemOpeners],
]);

function onOpenTag(state: ReaderState, tag: SaxesTagPlain): void {
  const name = tag.name;
  const parent = state.path.at(-1);
  state.path.push(name);
  state.text = '';
  if (state.path.length === 1) {
    if (name !== 'rss')
      throw new WxrError(`${state.fileName} is not a WordPress export: its root element is <${name}>, not <rss>.`);
    state.sawRss = true;
    return;
  }
  if (name === 'channel' && parent === 'rss') state.sawChannel = true;
  if (parent !== undefined) openers.get(parent)?.get(name)?.(state, tag);
}

/** Closing an element directly inside <channel>: a site field, or the end of an author, term or item. */
function closeInChannel(state: ReaderState, name: string, value: string): void {
  const { open, ready } = state;
  setField(open.site, siteFields, name, value.trim());
  if (name === 'wp:author' && open.author) {
    ready.push({ kind: 'author', author: open.author });
    open.author = null;
  }
  if ((name === 'wp:category' || name === 'wp:tag') && open.term) {
    ready.push({ kind: 'term', term: open.term });
    open.term = null;
  }
  if (name === 'item' && open.item) {
    ready.push({ kind: 'item', item: open.item });
    open.item = null;
  }
}

/** Closing an element directly inside an <item>: an item field, or the end of a comment, meta or term. */
function closeInItem(state: ReaderState, name: string, value: string): void {
  const { open } = state;
  const item = open.item;
  if (!item) return;
  setField(item, itemFields, name, value);
  if (name === 'wp:comment' && open.comment) {
    item.comments.push(open.comment);
    open.comment = null;
  }
  if (name === 'wp:postmeta' && open.meta) {
    item.meta.push(open.meta);
    open.meta = null;
  }
  if (name === 'category' && open.itemTerm) {
    open.itemTerm.name = value.trim();
    item.terms.push(open.itemTerm);
    open.itemTerm = null;
  }
}

type Closer = (state: ReaderState, name: string, value: string) => void;

const closeInTerm: Closer = (state, name, value) => setField(state.open.term, termFields, name, value.trim());

/** What closing an element does, by the parent element's name. */
const closers = new Map<string, Closer>([
  ['channel', closeInChannel],
  ['wp:author', (state, name, value) => setField(state.open.author, authorFields, name, value.trim())],
  ['wp:category', closeInTerm],
  ['wp:tag', closeInTerm],
  ['item', closeInItem],
  ['wp:comment', (state, name, value) => setField(state.open.comment, commentFields, name, value)],
  ['wp:postmeta', (state, name, value) => setField(state.open.meta, metaFields, name, value)],
]);

function onCloseTag(state: ReaderState, tag: SaxesTagPlain): void {
  const name = tag.name;
  state.path.pop();
  const parent = state.path.at(-1);
  const value = state.text;
  state.text = '';
  if (name === 'rss' && state.path.length === 0) {
    state.closedRss = true;
    return;
  }
  if (parent !== undefined) closers.get(parent)?.(state, name, value);
}

/** A parser whose events assemble records into `state.ready`. */
function recordParser(state: ReaderState): SaxesParser<{ fileName: string; xmlns: false }> {
  const parser = new SaxesParser<{ fileName: string; xmlns: false }>({ fileName: state.fileName, xmlns: false });
  const appendText = (chunk: string) => {
    state.text += chunk;
  };
  parser.on('error', (error) => {
    state.failure ??= error;
  });
  parser.on('opentag', (tag: SaxesTagPlain) => onOpenTag(state, tag));
  parser.on('text', appendText);
  parser.on('cdata', appendText);
  parser.on('closetag', (tag: SaxesTagPlain) => onCloseTag(state, tag));
  return parser;
}

/** A parse error as a WxrError naming the file and the line (our own WxrErrors pass through). */
function notWellFormed(fileName: string, error: Error): never {
  if (error instanceof WxrError) throw error;
  throw new WxrError(`${fileName} is not well-formed XML: ${error.message.replace(/^[^:]*:(\d+:\d+): /, 'line $1: ')}`);
}

const cutShort = (fileName: string, detail: string) =>
  new WxrError(`${fileName} ends too early (cut short while copying?): ${detail}`);

/** Ends the parse and checks the whole export was there; hands on the site if nothing else did. */
function finishParse(parser: SaxesParser<{ fileName: string; xmlns: false }>, state: ReaderState): void {
  const { fileName } = state;
  try {
    parser.close();
  } catch (error) {
    if (!state.closedRss) throw cutShort(fileName, (error as Error).message);
    notWellFormed(fileName, error as Error);
  }
  if (state.failure && !state.closedRss) throw cutShort(fileName, state.failure.message);
  if (state.failure) notWellFormed(fileName, state.failure);
  if (!state.sawRss || !state.sawChannel)
    throw new WxrError(`${fileName} is not a WordPress export: it has no <rss><channel>.`);
  if (!state.closedRss) throw cutShort(fileName, '</rss> is missing.');
  flushSite(state);
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
  const state: ReaderState = {
    fileName,
    ready: [],
    open: { site: emptySite(), author: null, term: null, item: null, comment: null, meta: null, itemTerm: null },
    path: [],
    text: '',
    sawRss: false,
    sawChannel: false,
    closedRss: false,
    failure: null,
  };
  const parser = recordParser(state);
  for await (const chunk of chunks) {
    const clean = chunk.replace(forbiddenCharacters, () => {
      stats.droppedCharacters++;
      return '';
    });
    try {
      parser.write(clean);
    } catch (error) {
      notWellFormed(fileName, error as Error);
    }
    if (state.failure) notWellFormed(fileName, state.failure);
    yield* state.ready.splice(0);
  }
  finishParse(parser, state);
  yield* state.ready.splice(0);
}

/** The records of an export file on disk, streamed. */
export function readWxrFile(file: string, stats?: ReadStats): AsyncGenerator<WxrRecord> {
  return readWxr(createReadStream(file, { encoding: 'utf8', highWaterMark: 256 * 1024 }), file, stats);
}
