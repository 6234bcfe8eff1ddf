/**
 * `npm run import:wordpress`: two streamed passes over the export. The first checks it and
 * indexes what posts refer to (authors, terms, attachments, slugs); the second converts one
 * post at a time into staged files. Only when both succeed does anything reach content/.
 */
import { stringify } from 'yaml';
import { archivePath, indexExport, type ExportIndex } from './export-index.ts';
import { importArticle, importPage, type EntryContext } from './entries.ts';
import { fetchMedia, type FetchOptions } from './fetch-media.ts';
import { MediaLibrary, type UploadsFolder } from './media.ts';
import { archiveRedirects, feedRedirects, renderContentRedirects, type ArchiveTerm } from './redirects.ts';
import { emptyReport, type ImportReport } from './report.ts';
import { listUploads, type SiteAddresses } from './uploads.ts';
import { StagedImport } from './writer.ts';
import { readWxrFile } from './wxr-reader.ts';

export { articleAuthors } from './entries.ts';
export { classify } from './export-index.ts';

export interface ImportOptions {
  exportFile: string;
  /** The old site's wp-content/uploads folder. */
  uploadsDir?: string | undefined;
  /** More folders laid out like wp-content/uploads (the one `--fetch-media` downloaded into). */
  mediaDirs?: readonly string[];
  contentDir: string;
  dryRun?: boolean;
  force?: boolean;
  /** `old=new` logins for authors the export names but does not declare. */
  authorMap?: ReadonlyMap<string, string>;
  fallbackAuthor?: string | undefined;
  /** Download the files posts refer to into `mediaDir` (or from `mediaOrigin`) before converting. */
  fetchMedia?: Omit<FetchOptions, 'site' | 'dir'> & { dir: string };
}

/** The blog's own address (where permalinks live) and the install's (where uploads live). */
export function siteAddresses(site: ExportIndex['site']): SiteAddresses {
  const blog = site.baseBlogUrl || site.link || site.baseSiteUrl;
  return { blog, install: site.baseSiteUrl || blog };
}

async function writeAuthors(index: ExportIndex, staged: StagedImport, report: ImportReport): Promise<void> {
  for (const author of index.authors.values()) {
    await staged.write(
      `authors/${author.id}.yaml`,
      stringify({ name: author.name, bio: author.bio }, { lineWidth: 0 }),
    );
    if (author.bioFallback)
      report.fallbacks.push({
        entry: `authors/${author.id}`,
        reason: 'no biography in the export: a one-line bio was written',
      });
  }
  report.authors = index.authors.size;
}

/** The second pass: each post or page, one at a time. */
async function importEntries(exportFile: string, context: EntryContext): Promise<void> {
  for await (const record of readWxrFile(exportFile)) {
    if (record.kind !== 'item') continue;
    const entry = context.index.entries.get(record.item.id);
    if (!entry) continue;
    if (entry.collection === 'pages') await importPage(record.item, entry, context);
    else await importArticle(record.item, entry, context);
  }
}

/** Archives of the tags that published articles have and their feeds, and the main feeds. */
async function writeRedirects(context: EntryContext, source: string): Promise<void> {
  const { index, redirects } = context;
  const terms: ArchiveTerm[] = index.terms.map((term) => ({
    taxonomy: term.taxonomy,
    name: term.name,
    archivePath: term.taxonomy === 'category' ? archivePath(term, index.terms) : term.slug,
  }));
  redirects.push(...archiveRedirects(terms, context.publishedTags), ...feedRedirects);
  context.report.redirects = redirects.length;
  await context.staged.write('_redirects', renderContentRedirects(redirects, index.site.link || source));
}

async function uploadsFolders(uploadsDir: string | undefined, mediaDirs: readonly string[]): Promise<UploadsFolder[]> {
  const dirs = [uploadsDir, ...mediaDirs].filter((dir): dir is string => Boolean(dir));
  return Promise.all(dirs.map(async (dir) => ({ dir, files: await listUploads(dir) })));
}

/** The importer's run: returns the report; throws WxrError (bad input) before anything is written. */
export async function importWordPress(options: ImportOptions): Promise<ImportReport> {
  const report = emptyReport(options.exportFile, options.dryRun ?? false);
  const index = await indexExport(options.exportFile, report, {
    ...options,
    collectMedia: Boolean(options.fetchMedia),
  });
  const site = siteAddresses(index.site);
  const mediaDirs = [...(options.mediaDirs ?? [])];
  if (options.fetchMedia && !options.dryRun) {
    const fetched = await fetchMedia(index.mediaAddresses, { ...options.fetchMedia, site });
    report.fetched = {
      downloaded: fetched.downloaded,
      present: fetched.present,
      replaced: fetched.replaced,
      bytes: fetched.bytes,
      failed: fetched.failed,
    };
    mediaDirs.push(options.fetchMedia.dir);
  }
  const staged = await StagedImport.create();
  try {
    const media = new MediaLibrary(staged, await uploadsFolders(options.uploadsDir, mediaDirs), site);
    const context: EntryContext = {
      index,
      site,
      media,
      staged,
      report,
      redirects: [],
      tagNames: new Set(),
      publishedTags: new Set(),
      pageList: [],
    };
    await writeAuthors(index, staged, report);
    await importEntries(options.exportFile, context);
    report.images.missing = media.missing();
    report.images.copied = media.copied;
    report.tags = context.tagNames.size;
    await writeRedirects(context, options.exportFile);
    report.files = await staged.commit(options.contentDir, {
      force: options.force ?? false,
      apply: !(options.dryRun ?? false),
    });
    return report;
  } finally {
    await staged.discard();
  }
}
