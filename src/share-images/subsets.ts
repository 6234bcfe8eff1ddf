/**
 * Choosing which Fontsource subset files a card needs, from the text it shows: Latin always,
 * the others only when a character falls in their unicode-range. Loading only those keeps
 * satori's one-off font parsing short.
 */

export type Ranges = [number, number][];

/** Parses a CSS unicode-range value ("U+0460-052F,U+20B4") into inclusive code point ranges. */
export function parseUnicodeRange(value: string): Ranges {
  return value
    .split(',')
    .map((part) => part.trim().replace(/^U\+/i, ''))
    .filter(Boolean)
    .map((part) => {
      const [from = '', to = from] = part.split('-');
      const start = Number.parseInt(from.replace(/\?/g, '0'), 16);
      const end = Number.parseInt(part.includes('?') ? from.replace(/\?/g, 'F') : to, 16);
      if (Number.isNaN(start) || Number.isNaN(end)) throw new Error(`Not a unicode-range: "${value}"`);
      return [start, end] as [number, number];
    });
}

const covers = (ranges: Ranges, codePoint: number) =>
  ranges.some(([start, end]) => codePoint >= start && codePoint <= end);

/** The subsets (in the order given) whose ranges cover some character of `text`; `always` is always kept. */
export function subsetsFor(text: string, subsets: Record<string, Ranges>, always = 'latin'): string[] {
  const codePoints = new Set([...text].map((char) => char.codePointAt(0) ?? 0));
  return Object.entries(subsets)
    .filter(([name, ranges]) => name === always || [...codePoints].some((codePoint) => covers(ranges, codePoint)))
    .map(([name]) => name);
}
