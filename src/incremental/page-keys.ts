import { getAuthors } from '../articles/collection.ts';
import { subscribeBoxSettings } from '../newsletter/box-status.ts';
import { pageKeyMaker } from './page-key.ts';

/**
 * The key maker for this build's pages. Every page shows the footer's copyright year (the year
 * of the build, so a page cached last December is rendered again in January), and article
 * bylines and cards show authors, so both are part of every key; so is the newsletter's subscribe
 * box (shown or not, and its rhythms), which the front page and articles carry.
 */
export async function pageKeys(): Promise<(shown: unknown) => string> {
  return pageKeyMaker({
    year: new Date().getFullYear(),
    authors: await getAuthors(),
    newsletter: await subscribeBoxSettings(),
  });
}
