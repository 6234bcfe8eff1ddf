/**
 * Images from the old site's uploads (wp-content/uploads/…): which file in the `--uploads`
 * folder an address means, preferring the original over the sizes WordPress generated.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';

/** Formats astro:assets optimises. */
const optimisable = /\.(jpe?g|png|webp|gif|avif|svg|tiff?)$/i;

/** Every file under the uploads folder, as paths relative to it with forward slashes. */
export async function listUploads(dir: string | undefined): Promise<Set<string>> {
  if (!dir) return new Set();
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return new Set(
    entries
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')),
  );
}

/** The path inside wp-content/uploads/ that an address points to, or null when it is not the site's upload. */
export function uploadPath(src: string, siteUrl: string): string | null {
  let url: URL;
  let site: URL;
  try {
    site = new URL(siteUrl);
    url = new URL(src, site);
  } catch {
    return null;
  }
  // Jetpack's image CDN serves the same files from i0.wp.com/<site host>/wp-content/uploads/….
  const sameSite = url.host === site.host || /^i\d\.wp\.com$/.test(url.host);
  const marker = url.pathname.indexOf('/wp-content/uploads/');
  if (!sameSite || marker < 0) return null;
  try {
    return decodeURIComponent(url.pathname.slice(marker + '/wp-content/uploads/'.length));
  } catch {
    return null;
  }
}

export type ResolvedUpload =
  { found: true; file: string } | { found: false; reason: 'missing' | 'not an image the build optimises' };

/** The file to copy for an upload path: the original when WordPress's resized copy ("-1024x683") is named. */
export function findUpload(relative: string, uploads: ReadonlySet<string>): ResolvedUpload {
  if (!optimisable.test(relative)) return { found: false, reason: 'not an image the build optimises' };
  const original = relative.replace(/-\d+x\d+(\.[A-Za-z0-9]+)$/, '$1');
  if (original !== relative && uploads.has(original)) return { found: true, file: original };
  if (uploads.has(relative)) return { found: true, file: relative };
  return { found: false, reason: 'missing' };
}
