/**
 * What Decap's rich-text editor cannot represent, and so rewrites when a body is edited: MDX
 * comments and expressions, backslash escapes, other components, imports, footnotes and table
 * alignment. The save guard compares an article's body as loaded with the body about to be
 * saved and refuses when any of these was lost, instead of saving a silently different article.
 */
import { figurePattern } from './media-blocks.ts';

interface FragileKind {
  /** How the refusal names it. */
  name: string;
  pattern: RegExp;
}

const fragileKinds: FragileKind[] = [
  { name: 'an MDX comment {/* … */}', pattern: /\{\/\*[\s\S]*?\*\/\}/g },
  { name: 'an MDX expression { … }', pattern: /(?<!\\)\{(?!\/\*)[^{}\n]*(?<!\\)\}/g },
  { name: 'a backslash escape such as \\< or \\{', pattern: /\\[<>{}]/g },
  { name: 'an import or export line', pattern: /^(?:import|export)\s.*$/gm },
  {
    name: 'a component other than the editor’s blocks',
    pattern: /<(?!(?:PullQuote|YouTube|Embed|Figure|Gallery)\b)[A-Z][\w.]*\b[^>]*>/g,
  },
  // A figure with attributes the Figure block does not have (sizes, an expression) would lose them.
  { name: 'a <Figure> with attributes the photo block cannot show', pattern: /<Figure\b[^>]*>/g },
  { name: 'a footnote', pattern: /(?<!\\)\[\^[^\]\s]+\]:?/g },
  { name: 'table column alignment', pattern: /^\|?(?:\s*:?-{3,}:?\s*\|)*\s*:?-{3,}:?\s*\|?$/gm },
];

/** Each fragile piece of a body, by kind, with how often it occurs. */
function census(body: string): Map<string, Map<string, number>> {
  const byKind = new Map<string, Map<string, number>>();
  for (const { name, pattern } of fragileKinds) {
    const counts = new Map<string, number>();
    for (const [piece] of body.matchAll(pattern)) {
      // Alignment rows count only when they align something.
      if (name === 'table column alignment' && !piece.includes(':')) continue;
      if (name.startsWith('a <Figure>') && new RegExp(`^${figurePattern.source}$`).test(piece)) continue;
      counts.set(piece, (counts.get(piece) ?? 0) + 1);
    }
    byKind.set(name, counts);
  }
  return byKind;
}

/** The kinds of fragile MDX that `before` has and `after` no longer has verbatim, in a stable order. */
export function lostMdx(before: string, after: string): string[] {
  if (before === after) return [];
  const was = census(before);
  const now = census(after);
  return fragileKinds
    .map(({ name }) => name)
    .filter((name) => [...was.get(name)!].some(([piece, count]) => (now.get(name)!.get(piece) ?? 0) < count));
}

/** The body of a file as loaded (after its frontmatter), to compare with what the editor produced. */
export function bodyOfFile(raw: string): string {
  const match = /^---\r?\n[\s\S]*?\r?\n---\r?\n?/.exec(raw);
  return match ? raw.slice(match[0].length) : raw;
}

export function lostMdxProblem(lost: readonly string[]): string | null {
  if (lost.length === 0) return null;
  return (
    `The editor would rewrite MDX it cannot show (${lost.join('; ')}), so nothing was saved. ` +
    'Edit this article’s file in the repository instead, or undo your changes to the body.'
  );
}
