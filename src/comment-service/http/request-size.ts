/**
 * The most of a request line and headers the service reads, on every runtime: Node's HTTP server
 * refuses more than 16 KB of them itself (431), a Worker takes far more, so the app says it too.
 */
import type { Context, Next } from 'hono';

/** The path and query string, in bytes as sent (percent-encoded). */
export const maxUrlBytes = 8 * 1024;
/** Every header line together ("name: value\r\n"), as Node's default limit counts them. */
export const maxHeaderBytes = 16 * 1024;

function headerBytes(headers: Headers): number {
  let total = 0;
  for (const [name, value] of headers) total += name.length + value.length + 4;
  return total;
}

export async function requestSizeLimit(c: Context, next: Next) {
  const url = new URL(c.req.url);
  if (url.pathname.length + url.search.length > maxUrlBytes || headerBytes(c.req.raw.headers) > maxHeaderBytes) {
    c.header('Cache-Control', 'no-store');
    c.header('Connection', 'close');
    return c.json({ error: 'The request line or headers are too large' }, 431);
  }
  await next();
}
