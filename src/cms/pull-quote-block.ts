/**
 * The PullQuote component as a block in the admin's Markdown editor. The pattern matches
 * what toBlock writes, so an unedited pull quote is written back character for character.
 */
export interface PullQuoteData {
  cite: string;
  text: string;
}

/** Unanchored: Decap matches it against the rest of the document from the block's start. */
export const pullQuotePattern = /<PullQuote(?: cite="([^"]*)")?>([\s\S]*?)<\/PullQuote>/;

export function pullQuoteFromBlock(match: RegExpMatchArray): PullQuoteData {
  return { cite: match[1] ?? '', text: match[2] ?? '' };
}

/** The quote's words go in as text: braces and angle brackets would otherwise be read as MDX. */
export function pullQuoteToBlock({ cite, text }: Partial<PullQuoteData>): string {
  const attribute = cite ? ` cite="${cite.replace(/"/g, '&quot;')}"` : '';
  return `<PullQuote${attribute}>${(text ?? '').replace(/[{}<>]/g, (char) => `&#${char.charCodeAt(0)};`)}</PullQuote>`;
}

const escapeHtml = (value: string) => value.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`);

/** The editor's preview of the block, with the site's pull-quote classes. */
export function pullQuoteToPreview({ cite, text }: Partial<PullQuoteData>): string {
  const citeLine = cite ? `<p class="cite">${escapeHtml(cite)}</p>` : '';
  return `<div class="pull-quote"><p class="words">${escapeHtml(text ?? '')}</p>${citeLine}</div>`;
}
