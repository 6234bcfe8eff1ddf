/**
 * The admin's own Content-Security-Policy, sent only under /admin/ (see headerRules in
 * src/deploy/headers.ts). Decap CMS needs more than the site allows, so it is confined there:
 * - `'unsafe-eval'`: its bundle compiles code at run time (a dependency uses `new Function`);
 * - `'unsafe-inline'` styles: it styles its UI with emotion, which injects <style> elements;
 * - GitHub's API for reading and committing content, and the OAuth helper for signing in;
 * - `blob:` and `data:` images: previews of uploads before they are committed.
 * It still loads no script from anywhere but the site itself.
 */
export interface AdminCspOptions {
  /** The OAuth helper's origin (CMS_AUTH_URL), if not Netlify's. */
  authOrigin?: string | undefined;
}

const GITHUB_API = 'https://api.github.com';
const NETLIFY_AUTH = 'https://api.netlify.com';

export function adminContentSecurityPolicy({ authOrigin }: AdminCspOptions = {}): string {
  const connect = ["'self'", GITHUB_API, authOrigin ?? NETLIFY_AUTH];
  return [
    "default-src 'self'",
    "base-uri 'self'",
    "object-src 'none'",
    "script-src 'self' 'unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https://avatars.githubusercontent.com",
    "font-src 'self' data:",
    "frame-src 'self' blob:",
    `connect-src ${connect.join(' ')}`,
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
