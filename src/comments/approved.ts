import { getCollection } from 'astro:content';
import type { DisplayComment } from './thread.ts';

let byArticle: Promise<Map<string, DisplayComment[]>> | undefined;

/**
 * An article's approved comments, from the `comments` collection read once per build and grouped
 * by article (one read, so an empty collection is reported once, not once per page).
 */
export async function approvedComments(articleId: string): Promise<DisplayComment[]> {
  byArticle ??= getCollection('comments').then((entries) => {
    const groups = new Map<string, DisplayComment[]>();
    for (const { data } of entries) {
      const group = groups.get(data.article);
      if (group) group.push(data);
      else groups.set(data.article, [data]);
    }
    return groups;
  });
  return (await byArticle).get(articleId) ?? [];
}
