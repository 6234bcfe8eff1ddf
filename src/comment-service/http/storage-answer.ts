/** How the service answers when its storage cannot serve: 503, told when to retry, never cached. */
import type { Context } from 'hono';
import type { ErrorResponse } from '../../comments/protocol.ts';

/** Seconds a client is asked to wait when the storage cannot serve. */
export const storageRetrySeconds = 30;

export function storageUnavailable(c: Context): Response {
  c.header('Retry-After', String(storageRetrySeconds));
  c.header('Cache-Control', 'no-store');
  return c.json({ error: 'The comment database cannot be used right now' } satisfies ErrorResponse, 503);
}
