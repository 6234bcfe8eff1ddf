/**
 * The YouTube and Embed components as blocks in the admin's Markdown editor, like the pull quote
 * (pull-quote-block.ts): each pattern matches what its toBlock writes, so an unedited block is
 * written back character for character. Figures and galleries are media-blocks.ts.
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

/** The editor's preview: what the reader sees before clicking, in EmbedPoster.astro's markup (the save guard reports a bad id or address). */
function posterPreview(provider: string, title: string, quote = '', shape = 'post'): string {
  const quoted = quote ? `<blockquote class="embed-quote">${escapeHtml(quote)}</blockquote>` : '';
  const placeholder = quote ? '' : '<span class="embed-placeholder"></span>';
  const action =
    `<span class="embed-action"><span class="embed-title">${escapeHtml(title || 'Untitled')}</span> ` +
    `<span class="embed-from">from ${escapeHtml(provider)}</span></span>`;
  const box = `<div class="embed-box">${quoted}<span class="embed-load">${placeholder}${action}</span></div>`;
  return `<figure class="embed embed--${shape}">${box}<figcaption class="meta">Loads when the reader clicks.</figcaption></figure>`;
}

export function youTubeToPreview({ id, title }: Partial<YouTubeData>): string {
  let valid = true;
  try {
    youtubeEmbed(id ?? '');
  } catch {
    valid = false;
  }
  return posterPreview(valid ? 'YouTube' : 'not a YouTube id', title ?? '', '', 'video');
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
