import { closest, distance } from 'fastest-levenshtein';
import { z } from 'astro/zod';

/**
 * Objects that refuse keys they do not know, naming each unknown key with the closest known
 * one: a typo such as `featurd: true` stops the build instead of being silently dropped.
 */

/** The known key a typo most likely meant, when it is close enough to be a typo. */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  if (known.length === 0) return undefined;
  const lower = key.toLowerCase();
  const match = closest(
    lower,
    known.map((name) => name.toLowerCase()),
  );
  const limit = Math.max(2, Math.floor(key.length / 3));
  if (distance(lower, match) > limit) return undefined;
  return known.find((name) => name.toLowerCase() === match);
}

export function unknownKeysMessage(keys: readonly string[], known: readonly string[], parent?: string): string {
  return keys
    .map((key) => {
      const name = parent ? `${parent}.${key}` : key;
      const suggestion = closestKey(key, known);
      return `unknown field "${name}"${suggestion ? ` (did you mean "${parent ? `${parent}.` : ''}${suggestion}"?)` : ''}; known fields: ${known.join(', ')}`;
    })
    .join('\n');
}

/** z.strictObject whose error names the unknown keys and suggests the closest known field. */
export function closedObject<Shape extends z.core.$ZodLooseShape>(shape: Shape, parent?: string) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? unknownKeysMessage(issue.keys, known, parent) : undefined),
  });
}
