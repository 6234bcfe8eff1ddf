export interface MonthGroup<T> {
  year: number;
  month: number;
  items: T[];
}

/**
 * Groups items by calendar month, newest month first, keeping the input order
 * inside each month. `monthOf` gives an item's year and month (1–12).
 */
export function groupByMonth<T>(
  items: readonly T[],
  monthOf: (item: T) => { year: number; month: number },
): MonthGroup<T>[] {
  const groups = new Map<string, MonthGroup<T>>();
  for (const item of items) {
    const { year, month } = monthOf(item);
    const key = `${year}-${month}`;
    let group = groups.get(key);
    if (!group) {
      group = { year, month, items: [] };
      groups.set(key, group);
    }
    group.items.push(item);
  }
  return [...groups.values()].sort((a, b) => b.year - a.year || b.month - a.month);
}

/** Newest first by publication date; ties broken by id so the order is stable. */
export function byNewest<T extends { id: string; data: { date: Date } }>(a: T, b: T): number {
  return b.data.date.getTime() - a.data.date.getTime() || a.id.localeCompare(b.id);
}

/** Tags with how many items carry each, most used first, then alphabetically. */
export function tagCounts<T extends { data: { tags: string[]; tagSlugs: string[] } }>(
  items: readonly T[],
): { tag: string; slug: string; count: number }[] {
  const counts = new Map<string, { tag: string; slug: string; count: number }>();
  for (const item of items) {
    item.data.tags.forEach((tag, index) => {
      const slug = item.data.tagSlugs[index] ?? tag;
      const entry = counts.get(slug) ?? { tag, slug, count: 0 };
      entry.count += 1;
      counts.set(slug, entry);
    });
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
}

export interface Topic {
  tag: string;
  slug: string;
  count: number;
  /** The topic's newest story (the first of `items` that carries it): what the topic box links to, in its own language. */
  latest: { id: string; title: string; lang?: string };
}

/**
 * Tags as tagCounts orders them, each with its newest story, for the front page's topic box: with few
 * stories a count says little ("1 story" under every topic), the headline says what the topic is about.
 * `items` must be newest first.
 */
export function topicsWithLatest<
  T extends { id: string; data: { title: string; tags: string[]; tagSlugs: string[]; lang?: string } },
>(items: readonly T[], limit: number): Topic[] {
  const latest = new Map<string, Topic['latest']>();
  for (const item of items) {
    for (const slug of item.data.tagSlugs)
      if (!latest.has(slug)) latest.set(slug, { id: item.id, title: item.data.title, lang: item.data.lang });
  }
  return tagCounts(items)
    .slice(0, limit)
    .map((topic) => ({ ...topic, latest: latest.get(topic.slug)! }));
}

/**
 * Items by tag slug, in input order, in one pass: tag pages look their list up instead of
 * filtering every article once per tag (tags × articles work on a large archive).
 */
export function groupByTag<T extends { data: { tagSlugs: string[] } }>(items: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    for (const slug of new Set(item.data.tagSlugs)) {
      const group = groups.get(slug);
      if (group) group.push(item);
      else groups.set(slug, [item]);
    }
  }
  return groups;
}

/**
 * The front page's lead: the newest story marked `featured: true`, which stays the lead until a
 * newer featured story replaces it or its flag is removed; otherwise the newest story.
 * `articles` is newest first.
 */
export function frontPageLead<T extends { data: { featured: boolean } }>(articles: readonly T[]): T | undefined {
  return articles.find((article) => article.data.featured) ?? articles[0];
}
