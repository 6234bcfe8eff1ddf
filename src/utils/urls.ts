/**
 * The one test for "is this a web address": links readers may follow, endpoints the form posts
 * to and origins the comment service trusts are all http(s). Other schemes (javascript:, data:,
 * file:, mailto:) are never followed. Runs in the browser too, so no `URL.parse`.
 */
export function parseHttpUrl(value: string): URL | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
}
