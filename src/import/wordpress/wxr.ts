/**
 * What a WordPress export (WXR, "Tools → Export → All content") holds, as plain records.
 * Every value is the export's own text: converting it is the importer's job, not the reader's.
 */

/** The channel's description of the old site. */
export interface WxrSite {
  title: string;
  /** The site's address (`<link>`), e.g. https://old.example.com */
  link: string;
  /** `wp:base_site_url`: where uploads live (…/wp-content/uploads/). */
  baseSiteUrl: string;
  baseBlogUrl: string;
  wxrVersion: string;
}

export interface WxrAuthor {
  id: string;
  login: string;
  email: string;
  displayName: string;
  firstName: string;
  lastName: string;
  /** Not in WordPress's own exports; some plugins add `wp:author_description`. */
  description: string;
}

/** A category or a tag as the channel lists it. */
export interface WxrTerm {
  taxonomy: 'category' | 'post_tag';
  termId: string;
  slug: string;
  name: string;
  /** Category only: the parent's slug, or "". */
  parent: string;
}

/** A `<category domain="…" nicename="…">Name</category>` of an item. */
export interface WxrItemTerm {
  domain: string;
  slug: string;
  name: string;
}

export interface WxrMeta {
  key: string;
  value: string;
}

export interface WxrComment {
  id: string;
  author: string;
  authorEmail: string;
  authorUrl: string;
  date: string;
  dateGmt: string;
  content: string;
  /** "1" approved, "0" pending, "spam", "trash". */
  approved: string;
  /** "" or "comment" for comments; "pingback", "trackback" and others for the rest. */
  type: string;
  parent: string;
}

export interface WxrItem {
  title: string;
  link: string;
  pubDate: string;
  creator: string;
  guid: string;
  content: string;
  excerpt: string;
  id: string;
  date: string;
  dateGmt: string;
  modified: string;
  modifiedGmt: string;
  commentStatus: string;
  name: string;
  status: string;
  parent: string;
  menuOrder: string;
  type: string;
  password: string;
  attachmentUrl: string;
  terms: WxrItemTerm[];
  meta: WxrMeta[];
  comments: WxrComment[];
}

export type WxrRecord =
  | { kind: 'site'; site: WxrSite }
  | { kind: 'author'; author: WxrAuthor }
  | { kind: 'term'; term: WxrTerm }
  | { kind: 'item'; item: WxrItem };

/** A problem with the export file itself; the import stops before writing anything. */
export class WxrError extends Error {
  override name = 'WxrError';
}
