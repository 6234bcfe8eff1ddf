/**
 * Search excerpts that begin at a sentence. Pagefind cuts its excerpt as a window of words around the
 * matches, often mid-sentence ("…ending a dispute over"); this keeps the window's end and moves its
 * start to the beginning of the sentence holding the first match, or, when that sentence began before
 * the window, marks the cut with an ellipsis.
 */

/** A run of excerpt text, marked where it matches the query. */
export interface ExcerptPart {
  text: string;
  mark: boolean;
}

/** Splits Pagefind's excerpt (escaped text with `<mark>` around matches) into plain text parts. */
export function excerptParts(html: string): ExcerptPart[] {
  const decode = (text: string) =>
    text
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
  return html
    .split(/(<mark>[\s\S]*?<\/mark>)/)
    .filter(Boolean)
    .map((part) =>
      part.startsWith('<mark>') ? { text: decode(part.slice(6, -7)), mark: true } : { text: decode(part), mark: false },
    );
}

/** The end of a sentence: a full stop, question or exclamation mark (and a closing quote), then a space. */
const sentenceEnd = /[.!?…][”’"»)]*\s+(?=[\p{Lu}\p{Lo}“‘"«(\d])/gu;

/** The excerpt from the start of the sentence that holds its first match. */
export function sentenceExcerpt(parts: readonly ExcerptPart[]): ExcerptPart[] {
  const firstMark = parts.findIndex((part) => part.mark);
  if (firstMark <= 0) return [...parts];
  const before = parts
    .slice(0, firstMark)
    .map((part) => part.text)
    .join('');
  const boundaries = [...before.matchAll(sentenceEnd)];
  const last = boundaries.at(-1);
  const startsSentence = /^\s*[\p{Lu}\p{Lo}“‘"«(\d]/u.test(before);
  const lead = last ? before.slice(last.index + last[0].length) : startsSentence ? before : `…${before.trimStart()}`;
  return [...(lead ? [{ text: lead, mark: false }] : []), ...parts.slice(firstMark)];
}
