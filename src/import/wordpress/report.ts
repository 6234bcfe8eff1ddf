/** What an import did, counted, and the same as text for the terminal. */
import type { SkipReason } from './comments.ts';

export interface ImportReport {
  source: string;
  dryRun: boolean;
  articles: { published: number; drafts: number; scheduled: number };
  pages: { published: number; drafts: number };
  authors: number;
  /** Distinct tags on imported articles (WordPress tags and categories). */
  tags: number;
  /** Missing images by file (WordPress's resized copies count as their original), with the entries that show them. */
  images: { copied: number; missing: { url: string; reason: string; entries: string[] }[] };
  /** What `--fetch-media` downloaded, found from an earlier run, or could not fetch. */
  fetched?: { downloaded: number; present: number; bytes: number; failed: { url: string; reason: string }[] };
  comments: { imported: number; skipped: Partial<Record<SkipReason, number>> };
  /** WordPress items that are not content here, by kind ("revision", "nav_menu_item", "attachment", "trashed post"). */
  skippedItems: Record<string, number>;
  /** Unknown shortcodes and blocks, kept as text, with the entries they are in. */
  shortcodes: Record<string, string[]>;
  blocks: Record<string, string[]>;
  /** WordPress constructs dropped or simplified (dynamic blocks, external media kept as links…), with the entries. */
  changes: Record<string, string[]>;
  embeds: number;
  /** Words of posts that are neither in the site nor accounted for here, by entry: should be none. */
  silentLosses: { entry: string; words: string[] }[];
  /** Entries that needed a fallback, and which. */
  fallbacks: { entry: string; reason: string }[];
  /** Entries whose slug was taken (by an earlier post or a route of the site) and got another. */
  renamed: { title: string; wanted: string; slug: string }[];
  redirects: number;
  /** Characters XML forbids that were dropped from the export's text. */
  droppedCharacters: number;
  files: { created: string[]; updated: string[]; unchanged: number; skippedEdited: string[] };
}

export function emptyReport(source: string, dryRun: boolean): ImportReport {
  return {
    source,
    dryRun,
    articles: { published: 0, drafts: 0, scheduled: 0 },
    pages: { published: 0, drafts: 0 },
    authors: 0,
    tags: 0,
    images: { copied: 0, missing: [] },
    comments: { imported: 0, skipped: {} },
    skippedItems: {},
    shortcodes: {},
    blocks: {},
    changes: {},
    embeds: 0,
    silentLosses: [],
    fallbacks: [],
    renamed: [],
    redirects: 0,
    droppedCharacters: 0,
    files: { created: [], updated: [], unchanged: 0, skippedEdited: [] },
  };
}

export const count = (record: Record<string, number>, key: string, by = 1) => {
  record[key] = (record[key] ?? 0) + by;
};

const listing = (record: Record<string, number>) =>
  Object.entries(record)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, n]) => `${key} ${n}`)
    .join(', ') || 'none';

export function renderReport(report: ImportReport): string {
  const skippedComments = Object.values(report.comments.skipped).reduce((sum, n) => sum + (n ?? 0), 0);
  const lines = [
    `WordPress import of ${report.source}${report.dryRun ? ' (dry run: nothing written)' : ''}`,
    `  articles:  ${report.articles.published} published, ${report.articles.drafts} drafts, ${report.articles.scheduled} scheduled`,
    `  pages:     ${report.pages.published} published, ${report.pages.drafts} drafts`,
    `  authors:   ${report.authors}`,
    `  tags:      ${report.tags}`,
    `  media:     ${report.images.copied} made local, ${report.images.missing.length} not made local`,
    ...(report.fetched
      ? [
          `  fetched:   ${report.fetched.downloaded} downloaded (${report.fetched.bytes} bytes), ` +
            `${report.fetched.present} already here, ${report.fetched.failed.length} failed`,
        ]
      : []),
    `  comments:  ${report.comments.imported} imported, ${skippedComments} skipped (${listing(report.comments.skipped as Record<string, number>)})`,
    `  skipped:   ${listing(report.skippedItems)}`,
    `  redirects: ${report.redirects}`,
    `  embeds kept as links: ${report.embeds}`,
    `  silent losses: ${report.silentLosses.reduce((sum, loss) => sum + loss.words.length, 0)}`,
    `  files:     ${report.files.created.length} new, ${report.files.updated.length} updated, ` +
      `${report.files.unchanged} unchanged, ${report.files.skippedEdited.length} left alone (edited since the import)`,
  ];
  const section = (title: string, items: string[]) => {
    if (items.length) lines.push('', `${title}:`, ...items.map((item) => `  - ${item}`));
  };
  section(
    'Files not made local (linked on the old site)',
    report.images.missing.map((m) => `${m.url} (${m.reason}) in ${m.entries.join(', ')}`),
  );
  section(
    'Downloads that failed',
    (report.fetched?.failed ?? []).map((f) => `${f.url}: ${f.reason}`),
  );
  section(
    'Shortcodes kept as text',
    Object.entries(report.shortcodes).map(([name, entries]) => `[${name}] in ${entries.join(', ')}`),
  );
  section(
    'Blocks this import does not know (their text is kept; a block that saved none is left out)',
    Object.entries(report.blocks).map(([name, entries]) => `${name} in ${entries.join(', ')}`),
  );
  section(
    'Dropped or simplified',
    Object.entries(report.changes).map(([change, entries]) => `${change} in ${entries.join(', ')}`),
  );
  section(
    'Silent losses (words of the post neither in the site nor in this report)',
    report.silentLosses.map((loss) => `${loss.entry}: ${loss.words.slice(0, 20).join(' ')}`),
  );
  section(
    'Fallbacks',
    report.fallbacks.map((f) => `${f.entry}: ${f.reason}`),
  );
  section(
    'Renamed (slug already taken)',
    report.renamed.map((r) => `"${r.title}": ${r.wanted} → ${r.slug}`),
  );
  section(
    'Left alone because they changed since the last import (use --force to overwrite)',
    report.files.skippedEdited,
  );
  if (report.droppedCharacters)
    lines.push('', `Dropped ${report.droppedCharacters} characters that XML does not allow.`);
  return `${lines.join('\n')}\n`;
}
