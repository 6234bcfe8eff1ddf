/**
 * What the article loader records for each article's body at content sync (in the entry's data,
 * under `body`), and where the compiled code is kept: `<cacheDir>/mdx-code/<code>.js` (with the
 * record itself in `<code>.json`), outside the data store, so the store stays small however large the archive. Shared by the loader and the page.
 */
import path from 'node:path';

export interface Heading {
  depth: number;
  slug: string;
  text: string;
}

export interface CompiledBody {
  /** The name of the compiled code's file: the digest of the file, its path and the whole pipeline. */
  code: string;
  headings: Heading[];
  /** The embed providers the body uses, for the page's Content-Security-Policy. */
  embeds: string[];
  /** Whether the body has a player (`<Audio>`, `<Video>`), for the page's `media-src`. */
  media: boolean;
  /** Local image paths the body's media components show, as written in the file. */
  images: string[];
  /** The same paths resolved by the content layer to images (astro:assets), by path. */
  mediaImages?: Record<string, unknown>;
  /** Local files the body's `<Audio>`, `<Video>` and `<Download>` link (as written) and where they are (relative to the project root). */
  mediaFiles?: Record<string, string>;
  readingMinutes: number;
  /** The first paragraph as plain text (src/articles/excerpt.ts), for the front page's lead: the body itself is not kept. */
  opening: string;
}

/** The element of a Markdown picture in a compiled body, drawn by `<Image>` (@astrojs/mdx's ASTRO_IMAGE_ELEMENT). */
export const imageElementName = 'astro-image';

/** The data key the loader adds beside the frontmatter. */
export const compiledBodyKey = 'compiledBody';

export const codeFolder = (cacheDir: string) => path.join(cacheDir, 'mdx-code');
export const codeFile = (cacheDir: string, code: string) => path.join(codeFolder(cacheDir), `${code}.js`);
/** The compiled body's record beside its code: a content store emptied (the dev server's, after a config change) is refilled without compiling. */
export const bodyRecordFile = (cacheDir: string, code: string) => path.join(codeFolder(cacheDir), `${code}.json`);

/** The compiled body of an entry the article loader made; an error naming the entry if it has none. */
export function compiledBodyOf(entry: { id: string; filePath?: string; data: object }): CompiledBody {
  const body = (entry.data as Record<string, unknown>)[compiledBodyKey] as CompiledBody | undefined;
  if (!body) throw new Error(`${entry.filePath ?? entry.id}: no compiled body (was it loaded by articleLoader()?)`);
  return body;
}
