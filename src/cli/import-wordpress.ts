/**
 * npm run import:wordpress -- <export.xml> [--uploads <wp-content/uploads folder>] [--dry-run] [--force]
 * Imports a WordPress export (Tools → Export → All content) into the content folder
 * (CONTENT_DIR, default ./content) and prints a report. See docs/wordpress-import.md.
 */
import { existsSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { importWordPress } from '../import/wordpress/import.ts';
import { renderReport } from '../import/wordpress/report.ts';
import { WxrError } from '../import/wordpress/wxr.ts';
import { buildSettings } from '../build-settings.ts';

const usage = 'usage: npm run import:wordpress -- <export.xml> [--uploads <folder>] [--dry-run] [--force]';

try {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      uploads: { type: 'string' },
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
  const { contentDir } = buildSettings;
  const report = await importWordPress({
    exportFile,
    uploadsDir: values.uploads,
    contentDir,
    dryRun: values['dry-run'] ?? false,
    force: values.force ?? false,
  });
  process.stdout.write(renderReport(report));
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`import:wordpress: ${message}`);
  if (error instanceof WxrError) console.error('Nothing was written.');
  process.exit(1);
}
