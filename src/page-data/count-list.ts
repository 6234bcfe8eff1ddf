import type { Topic } from '../articles/archive.ts';
import { routes } from '../utils/routes.ts';

/**
 * The entries of a CountList (src/components/CountList.astro): a topic or a month, how many stories
 * it holds, and for the front page's topics their newest story.
 */
export interface CountListItem {
  label: string;
  href: string;
  count: number;
  /** Shown under the entry in the headline face; the count is then left out when it is 1. */
  latest?: { href: string; title: string; lang?: string };
}

/** Topics (tag counts, with or without their newest story) as CountList entries. */
export function topicItems(
  topics: readonly (Omit<Topic, 'latest'> & Partial<Pick<Topic, 'latest'>>)[],
): CountListItem[] {
  return topics.map(({ tag, slug, count, latest }) => ({
    label: tag,
    href: routes.tag(slug),
    count,
    ...(latest && { latest: { href: routes.article(latest.id), title: latest.title, lang: latest.lang } }),
  }));
}
