/**
 * Building site-relative paths and absolute URLs. Every link the site emits goes
 * through here so that a base path ("/news/") is never lost or doubled and every
 * page URL ends in a slash (the directory format every static host serves alike).
 */

/** Joins path segments into one path with single slashes; segments are URL-encoded. */
function joinSegments(segments: readonly (string | number)[]): string {
  return segments
    .flatMap((segment) => String(segment).split('/'))
    .filter((part) => part.length > 0)
    .map((part) => encodeURIComponent(decodeURIComponentSafe(part)))
    .join('/');
}

function decodeURIComponentSafe(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** Normalises a base such as "news", "/news" or "/news/" to "/news/". */
export function normaliseBase(base: string): string {
  const inner = joinSegments([base]);
  return inner ? `/${inner}/` : '/';
}

export interface Paths {
  /** The base path, always with leading and trailing slash. */
  base: string;
  /** A page: base + segments + trailing slash ("/news/tags/asean/"). */
  page(...segments: (string | number)[]): string;
  /** A file: base + segments, no trailing slash ("/news/rss.xml"). */
  file(...segments: (string | number)[]): string;
  /** An absolute URL for a site-relative path produced by page() or file(). */
  absolute(path: string): string;
}

export function createPaths(base: string, site: string | URL): Paths {
  const normalisedBase = normaliseBase(base);
  const origin = new URL(site);
  return {
    base: normalisedBase,
    page: (...segments) => {
      const inner = joinSegments(segments);
      return inner ? `${normalisedBase}${inner}/` : normalisedBase;
    },
    file: (...segments) => `${normalisedBase}${joinSegments(segments)}`,
    absolute: (path) => new URL(path, origin).href,
  };
}
