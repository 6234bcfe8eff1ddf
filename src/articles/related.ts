interface Taggable {
  id: string;
  data: { tagSlugs: string[]; date: Date };
}

/**
 * Articles that share the most tags with `article`, then the most recent;
 * never the article itself. Input is expected newest first.
 */
export function relatedArticles<T extends Taggable>(article: T, all: readonly T[], limit = 3): T[] {
  const tags = new Set(article.data.tagSlugs);
  return all
    .filter((other) => other.id !== article.id)
    .map((other) => ({ other, shared: other.data.tagSlugs.filter((slug) => tags.has(slug)).length }))
    .filter(({ shared }) => shared > 0)
    .sort((a, b) => b.shared - a.shared || b.other.data.date.getTime() - a.other.data.date.getTime())
    .slice(0, limit)
    .map(({ other }) => other);
}

/** The neighbours of an article in a newest-first list: the newer and the older one. */
export function neighbours<T extends { id: string }>(article: T, all: readonly T[]): { newer?: T; older?: T } {
  const index = all.findIndex((other) => other.id === article.id);
  if (index === -1) return {};
  return { newer: all[index - 1], older: all[index + 1] };
}
