import path from 'node:path';
import * as pagefind from 'pagefind';
import { siteConfig } from '../site.config.ts';

/**
 * Indexes a built site with Pagefind (its binary ships in the npm package; nothing is downloaded)
 * and writes the index to `<outDir>/pagefind/`. Only elements marked `data-pagefind-body` (the article
 * body) are indexed; tags and author are filters. Only article pages have one, so only they are
 * read: the index is the same, and the listing pages (a third of the site) are not parsed for nothing.
 * Returns the number of pages indexed.
 */
export async function buildSearchIndex(outDir: string): Promise<number> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: siteConfig.lang });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  try {
    const added = await index.addDirectory({ path: outDir, glob: 'articles/**/*.html' });
    if (added.errors.length > 0) throw new Error(`Pagefind could not index ${outDir}: ${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath: path.join(outDir, 'pagefind') });
    if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
    return added.page_count;
  } finally {
    await pagefind.close();
  }
}
