/**
 * The stories the newsletter sends, read from the site's published JSON Feed (src/pages/feed.json.ts):
 * from a URL (the live site's /feed.json) or a file (a fresh build's dist/feed.json). A feed that
 * cannot be read or is not a JSON Feed stops the send with a message naming the source and the field.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'astro/zod';
import { ConfigError } from '../../utils/config-error.ts';
import { parseHttpUrl } from '../../utils/urls.ts';

export interface Story {
  id: string;
  url: string;
  title: string;
  /** The standfirst. */
  summary: string;
  /** The hero image on the site itself, or null. */
  image: string | null;
  byline: string;
  published: Date;
}

const feedSchema = z.object({
  version: z.string().startsWith('https://jsonfeed.org/version/1'),
  items: z.array(
    z.object({
      id: z.string().min(1),
      url: z.url(),
      title: z.string().default(''),
      summary: z.string().default(''),
      image: z.url().optional(),
      authors: z.array(z.object({ name: z.string() })).default([]),
      date_published: z.iso.datetime({ offset: true }),
    }),
  ),
});

const byline = (names: string[]) =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;

/** The stories of a JSON Feed document; throws a ConfigError naming `source` and the first bad field. */
export function storiesOf(document: unknown, source: string): Story[] {
  const parsed = feedSchema.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`${source} is not a JSON Feed: ${issue.path.join('.') || 'the document'}: ${issue.message}`);
  }
  return parsed.data.items.map((item) => ({
    id: item.id,
    url: item.url,
    title: item.title || item.url,
    summary: item.summary,
    image: item.image ?? null,
    byline: byline(item.authors.map((author) => author.name)),
    published: new Date(item.date_published),
  }));
}

/** Reads the feed at a URL or in a file. */
export async function readFeed(source: string): Promise<Story[]> {
  let text: string;
  try {
    if (parseHttpUrl(source)) {
      const response = await fetch(source, { headers: { Accept: 'application/feed+json, application/json' } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      text = await response.text();
    } else {
      text = await readFile(source, 'utf8');
    }
  } catch (error) {
    throw new ConfigError(`The feed ${source} cannot be read: ${(error as Error).message}`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`The feed ${source} is not JSON: ${(error as Error).message}`);
  }
  return storiesOf(document, source);
}
