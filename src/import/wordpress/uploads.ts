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

/** The old site's addresses: the blog's own (permalinks live there) and the WordPress install's (uploads). */
export interface SiteAddresses {
  /** `wp:base_blog_url`, else the channel's `<link>`. */
  blog: string;
  /** `wp:base_site_url` ("https://wordpress.com/" in a WordPress.com export). */
  install: string;
}

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
};

/** Whether a host serves the old site's uploads: the blog's, the install's, Jetpack's CDN, WordPress.com's file hosts. */
function uploadsHost(host: string, site: SiteAddresses): boolean {
  if (host === hostOf(site.blog) || host === hostOf(site.install)) return true;
  // Jetpack's image CDN serves the same files from i0.wp.com/<site host>/wp-content/uploads/….
  if (/^i\d\.wp\.com$/.test(host)) return true;
  const blogName = hostOf(site.blog).replace(/\.wordpress\.com$/, '');
  return host === `${blogName}.files.wordpress.com`;
}

/** The path inside wp-content/uploads/ that an address points to, or null when it is not the site's upload. */
export function uploadPath(src: string, site: SiteAddresses | string): string | null {
  const addresses = typeof site === 'string' ? { blog: site, install: site } : site;
  let url: URL;
  try {
    url = new URL(src, addresses.blog);
  } catch {
    return null;
  }
  if (!/^https?:$/.test(url.protocol) || !uploadsHost(url.host, addresses)) return null;
  const marker = url.pathname.indexOf('/wp-content/uploads/');
  // WordPress.com's file hosts serve uploads from the root: blog.files.wordpress.com/2012/01/photo.jpg.
  const inside = url.host.endsWith('.files.wordpress.com')
    ? url.pathname.slice(1)
    : marker < 0
      ? null
      : url.pathname.slice(marker + '/wp-content/uploads/'.length);
  if (!inside) return null;
  try {
    return decodeURIComponent(inside);
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

/** The file to copy for any upload (a recording, a video, a document): exactly the one named. */
export function findFile(relative: string, uploads: ReadonlySet<string>): ResolvedUpload {
  return uploads.has(relative) ? { found: true, file: relative } : { found: false, reason: 'missing' };
}
