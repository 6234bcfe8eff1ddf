/** The headers of the service's own HTML pages (moderation, mail links): nothing cached, nothing framed, nothing from elsewhere. */
import type { Context } from 'hono';

export function pageSecurityHeaders(c: Context) {
  c.header('Cache-Control', 'no-store');
  c.header(
    'Content-Security-Policy',
    "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  );
  c.header('X-Frame-Options', 'DENY');
  c.header('Referrer-Policy', 'no-referrer');
}

/** Forms on these pages are small (500 ticked boxes are 40 KB): anything larger is refused. */
export const pageFormBytes = 256 * 1024;
