/**
 * What the admin's article list shows beside each headline: the publication date in the site's
 * language and time zone, and whether the story is a draft or scheduled. Decap's own date filter
 * formats in the browser's zone, so the admin's file format (browser/setup.ts) adds these as
 * `listing` when it reads a file, for the collection's summary; they are never written back.
 */
import { formatDateTime } from '../utils/dates.ts';

export interface Listing {
  /** "8 Aug 2022, 09:00", or "no date". */
  when: string;
  /** "Draft · ", "Scheduled · " or "", put before the headline. */
  state: string;
}

/** The key the listing is kept under in an entry's values. */
export const LISTING_KEY = 'listing';

export function articleListing(values: Record<string, unknown>, now: Date): Listing {
  const raw = values.date;
  const date = raw instanceof Date ? raw : typeof raw === 'string' ? new Date(raw) : undefined;
  const valid = date && !Number.isNaN(date.getTime()) ? date : undefined;
  const state = values.draft === true ? 'Draft · ' : valid && valid > now ? 'Scheduled · ' : '';
  return { when: valid ? formatDateTime(valid) : 'no date', state };
}
