/**
 * Where the comment service lives, for every part of the build that needs to know:
 * the comment form's `action`, and the Content-Security-Policy (`form-action`,
 * `connect-src`). Read from the COMMENTS_ENDPOINT environment variable at build time.
 */

/** The reference comment service's address when run locally with `npm run comments`. */
export const DEFAULT_COMMENTS_ENDPOINT = 'http://localhost:8787';

/**
 * The configured comment endpoint as a URL. Throws a clear error for anything that
 * is not an absolute http(s) URL, so a typo stops the build instead of shipping a
 * form that posts nowhere.
 */
export function commentsEndpoint(env: Record<string, string | undefined> = process.env): URL {
  const raw = env.COMMENTS_ENDPOINT?.trim() || DEFAULT_COMMENTS_ENDPOINT;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`COMMENTS_ENDPOINT must be an absolute http(s) URL such as https://comments.example.com, got "${raw}".`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`COMMENTS_ENDPOINT must use http or https, got "${raw}".`);
  }
  if (url.username || url.password) {
    throw new Error('COMMENTS_ENDPOINT must not contain a user name or password.');
  }
  return url;
}

/** The endpoint's origin ("https://comments.example.com"), the unit a CSP source allows. */
export function commentsOrigin(env: Record<string, string | undefined> = process.env): string {
  return commentsEndpoint(env).origin;
}
