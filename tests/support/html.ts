import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { parse, type HTMLElement } from 'node-html-parser';

/** Parses one built page, addressed by its URL path ("/tags/asean/"). */
export async function readPage(siteDir: string, urlPath: string): Promise<HTMLElement> {
  const file = urlPath.endsWith('/') ? path.join(siteDir, urlPath, 'index.html') : path.join(siteDir, urlPath);
  return parse(await readFile(file, 'utf8'));
}

/** Every file under a folder, as paths relative to it with forward slashes. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
}

/** Normalises whitespace the way a reader sees text. */
export function visibleText(element: HTMLElement): string {
  return element.textContent.replace(/\s+/g, ' ').trim();
}
