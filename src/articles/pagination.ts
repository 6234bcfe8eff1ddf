/**
 * Listings whose older pages never change. The newest `perPage` items make the listing's own page
 * (the front page, a topic's page). Older items are on archive pages of `perPage` counted from the
 * oldest item: page 1 holds the oldest ones, and a page exists once it is full. So a new story
 * changes the listing's own page only; when it completes a page, that page appears and the one
 * before it gains a link to it. Published pages keep their stories and address, and an
 * incremental build copies them instead of rendering them again.
 */

export interface ArchivePage<T> {
  /** Its place counted from the oldest (1), and the number in its address. */
  number: number;
  /** Newest first. */
  items: T[];
  /** The next newer archive page; undefined when that is the listing's own page. */
  newer: number | undefined;
  /** The next older archive page; undefined on page 1. */
  older: number | undefined;
}

export interface Listing<T> {
  /** The newest `perPage` items (newest first): the listing's own page. */
  latest: T[];
  /** The archive page the listing's own page links to: the newest one not wholly shown on it. */
  older: number | undefined;
  /** Oldest first. */
  pages: ArchivePage<T>[];
}

/** `items` newest first. */
export function stableListing<T>(items: readonly T[], perPage: number): Listing<T> {
  if (!Number.isInteger(perPage) || perPage < 1)
    throw new RangeError(`perPage must be a positive integer, got ${perPage}`);
  const full = Math.floor(items.length / perPage);
  const pages = Array.from({ length: full }, (_, index): ArchivePage<T> => {
    const number = index + 1;
    return {
      number,
      items: items.slice(items.length - number * perPage, items.length - index * perPage),
      newer: number < full ? number + 1 : undefined,
      older: number > 1 ? number - 1 : undefined,
    };
  });
  // The newest full page is wholly on the listing's own page when no newer story has started the next one.
  const older = items.length % perPage === 0 ? full - 1 : full;
  return { latest: items.slice(0, perPage), older: older > 0 ? older : undefined, pages };
}

/** The rest parameter for a page: undefined for the listing's own URL, "2" etc. for an archive page. */
export function pageParam(page: number | undefined): string | undefined {
  return page === undefined ? undefined : String(page);
}
