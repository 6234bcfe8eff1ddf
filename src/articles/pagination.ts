export interface PageSlice<T> {
  items: T[];
  /** 1-based page number. */
  current: number;
  last: number;
}

/** Splits a list into pages of `perPage`; an empty list still has one (empty) page. */
export function paginateList<T>(items: readonly T[], perPage: number): PageSlice<T>[] {
  if (!Number.isInteger(perPage) || perPage < 1)
    throw new RangeError(`perPage must be a positive integer, got ${perPage}`);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  return Array.from({ length: last }, (_, index) => ({
    items: items.slice(index * perPage, (index + 1) * perPage),
    current: index + 1,
    last,
  }));
}

/** The rest parameter for a page: undefined for page 1 (the listing's own URL), "2" etc. after. */
export function pageParam(page: number): string | undefined {
  return page <= 1 ? undefined : String(page);
}
