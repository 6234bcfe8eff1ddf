import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { listFiles } from './html.ts';

/** A rewrite applied to both sides before they are compared: only for what legitimately differs between two builds. */
export interface Normalisation {
  /** Files it applies to. */
  files: RegExp;
  pattern: RegExp;
  replacement: string;
}

/**
 * The files that differ between two built sites, by relative path: missing on one side, or
 * different bytes after the normalisations. Empty when the sites are the same.
 */
export async function diffSites(
  expectedDir: string,
  actualDir: string,
  normalisations: Normalisation[] = [],
): Promise<string[]> {
  const [expected, actual] = await Promise.all([listFiles(expectedDir), listFiles(actualDir)]);
  const actualSet = new Set(actual);
  const differences = expected.filter((file) => !actualSet.has(file)).map((file) => `missing: ${file}`);
  const expectedSet = new Set(expected);
  differences.push(...actual.filter((file) => !expectedSet.has(file)).map((file) => `extra: ${file}`));
  for (const file of expected.filter((name) => actualSet.has(name))) {
    const [left, right] = await Promise.all([
      readFile(path.join(expectedDir, file)),
      readFile(path.join(actualDir, file)),
    ]);
    if (left.equals(right)) continue;
    const rules = normalisations.filter((rule) => rule.files.test(file));
    if (rules.length > 0 && normalise(left, rules) === normalise(right, rules)) continue;
    differences.push(`differs: ${file}${firstDifference(left.toString('utf8'), right.toString('utf8'))}`);
  }
  return differences;
}

function normalise(bytes: Buffer, rules: Normalisation[]): string {
  return rules.reduce((text, rule) => text.replace(rule.pattern, rule.replacement), bytes.toString('utf8'));
}

/** Where two texts first part, with a little context, so a failure says what changed. */
function firstDifference(left: string, right: string): string {
  let at = 0;
  while (at < left.length && left[at] === right[at]) at++;
  const excerpt = (text: string) => JSON.stringify(text.slice(Math.max(0, at - 60), at + 60));
  return `\n    expected …${excerpt(left)}…\n    actual   …${excerpt(right)}…`;
}
