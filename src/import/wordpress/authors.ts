/**
 * Authors a post names but the export does not declare (a typo such as ">themereviewteam", a
 * deleted user): mapped by the editor (`--author-map old=new`), matched to the closest declared
 * login, or given to a fallback author. Each choice is reported; the import goes on.
 */
import { distance } from 'fastest-levenshtein';

export interface AuthorChoice {
  /** The login the post names. */
  from: string;
  /** The declared login it became. */
  to: string;
  how: 'mapped' | 'closest' | 'fallback';
}

export interface AuthorRules {
  authorMap?: ReadonlyMap<string, string>;
  fallbackAuthor?: string | undefined;
}

const letters = (login: string) => login.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/**
 * The declared login closest to `login`: the same letters and digits (case and punctuation
 * aside), or the one within a quarter of its length in edits when exactly one is that close.
 */
export function closestLogin(login: string, declared: readonly string[]): string | null {
  const wanted = letters(login);
  if (!wanted) return null;
  const same = declared.filter((candidate) => letters(candidate) === wanted);
  if (same.length === 1) return same[0]!;
  const limit = Math.max(1, Math.floor(wanted.length / 4));
  const scored = declared
    .map((candidate) => ({ candidate, edits: distance(letters(candidate), wanted) }))
    .filter(({ edits }) => edits <= limit)
    .sort((a, b) => a.edits - b.edits);
  if (scored.length === 0 || (scored.length > 1 && scored[1]!.edits === scored[0]!.edits)) return null;
  return scored[0]!.candidate;
}

/**
 * Whose post it becomes: the map first, then the closest declared login, then the fallback
 * author (`--fallback-author`, or else the first declared author). Null only when the export
 * declares no author at all, or a mapping names a login it does not declare.
 */
export function closestAuthor(login: string, declared: readonly string[], rules: AuthorRules): AuthorChoice | null {
  const mapped = rules.authorMap?.get(login);
  if (mapped !== undefined) return declared.includes(mapped) ? { from: login, to: mapped, how: 'mapped' } : null;
  const closest = closestLogin(login, declared);
  if (closest) return { from: login, to: closest, how: 'closest' };
  const fallback = rules.fallbackAuthor ?? declared[0];
  return fallback !== undefined && declared.includes(fallback) ? { from: login, to: fallback, how: 'fallback' } : null;
}

/** `old=new` pairs, as given on the command line. */
export function parseAuthorMap(pairs: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const pair of pairs) {
    const split = pair.indexOf('=');
    if (split <= 0 || split === pair.length - 1) throw new Error(`--author-map ${pair}: expected old=new`);
    map.set(pair.slice(0, split).trim(), pair.slice(split + 1).trim());
  }
  return map;
}

export function describeChoice(choice: AuthorChoice): string {
  const how = {
    mapped: 'mapped by --author-map',
    closest: 'the closest declared author',
    fallback: 'the fallback author',
  }[choice.how];
  return `names the undeclared author "${choice.from}": given to "${choice.to}" (${how})`;
}
