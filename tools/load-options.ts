/**
 * Command-line values of the comment service's load tools (tools/comments-load.ts,
 * tools/comments-throughput.ts), checked before anything starts: a bad value stops the tool with a
 * message naming the flag, the value and what it takes, rather than measuring something else.
 */

/** A comma-separated list of names, each one of `allowed`; empty items are ignored. */
export function listOption<T extends string>(flag: string, value: string, allowed: readonly T[]): T[] {
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !(allowed as readonly string[]).includes(name));
  if (unknown.length > 0)
    throw new Error(
      `--${flag}: unknown ${unknown.map((name) => `"${name}"`).join(', ')}; one or more of ${allowed.join(', ')}`,
    );
  if (names.length === 0) throw new Error(`--${flag}: empty; one or more of ${allowed.join(', ')}`);
  return [...new Set(names)] as T[];
}

/** A whole number at least `min`, written in digits (underscores allowed: 20_000). */
export function countOption(flag: string, value: string, min = 1): number {
  const digits = value.trim().replaceAll('_', '');
  const count = /^\d+$/.test(digits) ? Number(digits) : Number.NaN;
  if (!Number.isSafeInteger(count) || count < min)
    throw new Error(`--${flag}: "${value}" is not a whole number of at least ${min}`);
  return count;
}
