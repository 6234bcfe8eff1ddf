/**
 * npm run import:wordpress -- <export.xml> [--uploads <folder>] [--fetch-media [--media-origin <url>] [--media-dir <folder>]]
 *   [--author-map old=new …] [--fallback-author <login>] [--dry-run] [--force]
 * Imports a WordPress export (Tools → Export → All content) into the content folder
 * (CONTENT_DIR, default ./content) and prints a report. See docs/wordpress-import.md.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseAuthorMap } from '../import/wordpress/authors.ts';
import type { FetchProgress } from '../import/wordpress/fetch-media.ts';
import { importWordPress } from '../import/wordpress/import.ts';
import { renderReport } from '../import/wordpress/report.ts';
import { WxrError } from '../import/wordpress/wxr.ts';
import { buildSettings } from '../build-settings.ts';

const usage =
  'usage: npm run import:wordpress -- <export.xml> [--uploads <folder>] [--fetch-media] [--media-origin <url>] [--media-dir <folder>]\n' +
  '         [--max-file-mb <n>] [--author-map old=new]… [--fallback-author <login>] [--dry-run] [--force]';

/** One line that rewrites itself on a terminal; a line per tenth of the way otherwise. */
function progressPrinter(): (state: FetchProgress) => void {
  let lastTenth = -1;
  return ({ total, done, downloaded, failed }) => {
    const line = `media: ${done}/${total} (${downloaded} downloaded, ${failed} failed)`;
    if (process.stderr.isTTY) process.stderr.write(`\r${line}${done === total ? '\n' : ''}`);
    else if (Math.floor((done * 10) / total) > lastTenth) {
      lastTenth = Math.floor((done * 10) / total);
      process.stderr.write(`${line}\n`);
    }
  };
}

function mediaOrigin(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    return new URL(value).origin;
  } catch {
    throw new Error(`--media-origin ${value}: not an address (give e.g. http://127.0.0.1:8080)`);
  }
}

try {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      uploads: { type: 'string' },
      'fetch-media': { type: 'boolean' },
      'media-origin': { type: 'string' },
      'media-dir': { type: 'string' },
      'max-file-mb': { type: 'string' },
      'author-map': { type: 'string', multiple: true },
      'fallback-author': { type: 'string' },
      'dry-run': { type: 'boolean' },
      force: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const [exportFile] = positionals;
  if (!exportFile || positionals.length > 1) throw new Error(usage);
  if (!existsSync(exportFile) || !statSync(exportFile).isFile()) throw new Error(`${exportFile}: no such file`);
  if (values.uploads && (!existsSync(values.uploads) || !statSync(values.uploads).isDirectory())) {
    throw new Error(`--uploads ${values.uploads}: no such folder (give the wp-content/uploads folder of the old site)`);
  }
  const maxMb = values['max-file-mb'] === undefined ? 500 : Number(values['max-file-mb']);
  if (!(maxMb > 0)) throw new Error(`--max-file-mb ${values['max-file-mb']}: expected a number of megabytes`);
  const { contentDir } = buildSettings;
  const mediaDir = values['media-dir'] ?? `${exportFile.replace(/\.xml$/i, '')}-media`;
  const report = await importWordPress({
    exportFile,
    uploadsDir: values.uploads,
    mediaDirs: !values['fetch-media'] && existsSync(mediaDir) ? [mediaDir] : [],
    contentDir,
    dryRun: values['dry-run'] ?? false,
    force: values.force ?? false,
    authorMap: parseAuthorMap(values['author-map'] ?? []),
    fallbackAuthor: values['fallback-author'],
    ...(values['fetch-media']
      ? {
          fetchMedia: {
            dir: path.resolve(mediaDir),
            origin: mediaOrigin(values['media-origin']),
            maxBytes: maxMb * 1024 * 1024,
            progress: progressPrinter(),
          },
        }
      : {}),
  });
  process.stdout.write(renderReport(report));
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`import:wordpress: ${message}`);
  if (error instanceof WxrError) console.error('Nothing was written.');
  process.exit(1);
}
