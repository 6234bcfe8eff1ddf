import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { ADMIN_FOLDER } from '../cms/admin-folder.ts';

/**
 * Every page of the site: each `.html` file under a build folder, relative to it with forward
 * slashes, sorted. The CMS admin's page is left out: it is the CMS's application, with a policy
 * of its own (src/cms/admin-csp.ts), not a page of the site.
 */
export async function listHtmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .filter((page) => !page.startsWith(`${ADMIN_FOLDER}/`))
    .sort();
}
