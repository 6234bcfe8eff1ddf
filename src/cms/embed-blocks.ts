/**
 * The YouTube and Embed components as blocks in the admin's Markdown editor, like the pull quote
 * (pull-quote-block.ts): each pattern matches what its toBlock writes, so an unedited block is
 * written back character for character. Figures and galleries are written in the file (their
 * images live next to the article, which Decap's media library does not know).
 */
import { providers, resolveEmbed, youtubeEmbed } from '../embeds/providers.ts';

const attribute = (name: string, value: string | undefined) =>
  value ? ` ${name}="${value.replace(/"/g, '&quot;')}"` : '';
const unquote = (value: string | undefined) => (value ?? '').replace(/&quot;/g, '"');
const escapeHtml = (value: string) => value.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`);

export interface YouTubeData {
  id: string;
  title: string;
  caption: string;
}

export const youTubePattern = /<YouTube id="([^"]*)" title="([^"]*)"(?: caption="([^"]*)")? \/>/;

export function youTubeFromBlock(match: RegExpMatchArray): YouTubeData {
  return { id: match[1] ?? '', title: unquote(match[2]), caption: unquote(match[3]) };
}

export function youTubeToBlock({ id, title, caption }: Partial<YouTubeData>): string {
  return `<YouTube id="${(id ?? '').trim()}" title="${(title ?? '').replace(/"/g, '&quot;')}"${attribute('caption', caption)} />`;
}

export interface EmbedData {
  url: string;
  title: string;
  quote: string;
}

export const embedPattern = /<Embed url="([^"]*)" title="([^"]*)">\n?([\s\S]*?)\n?<\/Embed>/;

export function embedFromBlock(match: RegExpMatchArray): EmbedData {
  return { url: match[1] ?? '', title: unquote(match[2]), quote: match[3] ?? '' };
}

/** The quoted words go in as text: braces and angle brackets would otherwise be read as MDX. */
export function embedToBlock({ url, title, quote }: Partial<EmbedData>): string {
  const words = (quote ?? '').replace(/[{}<>]/g, (char) => `&#${char.charCodeAt(0)};`);
  return `<Embed url="${(url ?? '').trim()}" title="${(title ?? '').replace(/"/g, '&quot;')}">\n${words}\n</Embed>`;
}

/** The editor's preview: what the reader sees before clicking (the save guard reports a bad id or address). */
function posterPreview(provider: string, title: string, quote = ''): string {
  const quoted = quote ? `<blockquote>${escapeHtml(quote)}</blockquote>` : '';
  return `<figure class="embed">${quoted}<p><strong>${escapeHtml(title || 'Untitled')}</strong> (${escapeHtml(provider)}, loads on click)</p></figure>`;
}

export function youTubeToPreview({ id, title }: Partial<YouTubeData>): string {
  let valid = true;
  try {
    youtubeEmbed(id ?? '');
  } catch {
    valid = false;
  }
  return posterPreview(valid ? 'YouTube' : 'not a YouTube id', title ?? '');
}

export function embedToPreview({ url, title, quote }: Partial<EmbedData>): string {
  let provider = 'unknown address';
  try {
    provider = providers[resolveEmbed(url ?? '').provider].name;
  } catch {
    // Shown as unknown; the save guard refuses it with the reason.
  }
  return posterPreview(provider, title ?? '', quote);
}
