/**
 * Spam defence beyond the honeypot: how many links a comment holds, whether it was posted too soon
 * after the page loaded, and an optional outside check (Akismet, created in main.ts) that is given
 * a few seconds and, when it fails, sends the comment to the moderation queue instead of losing it.
 */
import { elapsedField } from '../../comments/protocol.ts';

/** Links in a text: every http(s):// or www. (a bare "example.com" is not counted). */
export function linkCount(text: string): number {
  return text.match(/\b(?:https?:\/\/|www\.)/gi)?.length ?? 0;
}

/**
 * Whether a post came sooner after the page loaded than a person can write a comment: judged by
 * the `elapsed` milliseconds the page's script fills in at submit. A post without the field (a
 * form without JavaScript, an API client) is not judged here: see docs/comments.md.
 */
export function postedTooSoon(body: Record<string, unknown>, minSeconds: number): boolean {
  const value = body[elapsedField];
  if (minSeconds <= 0 || value === undefined || value === '') return false;
  const elapsed = Number(value);
  return !Number.isFinite(elapsed) || elapsed < minSeconds * 1000;
}

/** A browser's own form submission (a person pressed the button), as opposed to a script's POST. */
export const isBrowserNavigation = (header: (name: string) => string | undefined) =>
  header('sec-fetch-mode') === 'navigate' && header('sec-fetch-user') === '?1';

export interface SpamCheckInput {
  comment: string;
  name: string;
  email: string | null;
  website: string | null;
  articleUrl: string;
  /** The client's full address: sent to the checker, never stored. */
  clientAddress: string;
  userAgent: string;
  referrer: string;
}

/** An outside spam check: true for spam. Throws (or never answers) when it cannot tell. */
export interface SpamCheck {
  isSpam(input: SpamCheckInput): Promise<boolean>;
}

export type SpamVerdict = 'spam' | 'ham' | 'unknown';

/** The check's verdict within `timeoutMs`; 'unknown' when it fails or is too slow. */
export async function spamVerdict(
  check: SpamCheck,
  input: SpamCheckInput,
  timeoutMs: number,
  onFailure: (reason: string) => void,
): Promise<SpamVerdict> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return (await Promise.race([check.isSpam(input), timeout])) ? 'spam' : 'ham';
  } catch (error) {
    onFailure((error as Error)?.message ?? String(error));
    return 'unknown';
  } finally {
    clearTimeout(timer);
  }
}
