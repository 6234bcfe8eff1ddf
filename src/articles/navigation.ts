/**
 * The navigation lists the sections an editor chose (`navTags` in src/site.config.ts), in the editor's
 * order, rather than every section found in the content: a new section is often a one-off or a typo, and
 * a bar that grows by itself breaks the header on a phone. What the content uses and the navigation does
 * not show is named once in the build log instead, so that nobody has to notice it by chance.
 */
import { storyCount } from '../utils/text.ts';

/** Sections (frontmatter `section`) that articles use and the navigation does not list, most used first. */
export function sectionsMissingFromNavigation(
  articles: readonly { data: { section?: string | undefined } }[],
  navTags: readonly string[],
): { section: string; count: number }[] {
  const listed = new Set(navTags.map((tag) => tag.toLocaleLowerCase()));
  const counts = new Map<string, number>();
  for (const { data } of articles) {
    if (data.section && !listed.has(data.section.toLocaleLowerCase()))
      counts.set(data.section, (counts.get(data.section) ?? 0) + 1);
  }
  return [...counts]
    .map(([section, count]) => ({ section, count }))
    .sort((a, b) => b.count - a.count || a.section.localeCompare(b.section));
}

/** The build-log line for them, or undefined when every section is in the navigation. */
export function missingSectionsMessage(missing: readonly { section: string; count: number }[]): string | undefined {
  if (missing.length === 0) return undefined;
  const list = missing.map(({ section, count }) => `${section} (${storyCount(count)})`).join(', ');
  return `[meridian:navigation] sections used by articles but not in the navigation: ${list}. To list one, add it to navTags in src/site.config.ts.`;
}

let reported = false;

/** Logs the missing sections once per build (the front page's getStaticPaths calls this). */
export function reportMissingSections(
  articles: readonly { data: { section?: string | undefined } }[],
  navTags: readonly string[],
): void {
  if (reported) return;
  reported = true;
  const message = missingSectionsMessage(sectionsMissingFromNavigation(articles, navTags));
  if (message) console.warn(message);
}
