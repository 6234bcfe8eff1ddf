/**
 * The files a post shows (images, recordings, videos, documents) as files of this site: each
 * address on the old site is looked up in the uploads folders (`--uploads`, and the folder
 * `--fetch-media` downloads into), copied beside the entry (pictures into its collection's
 * `images/` folder, where the CMS puts photos; recordings, videos and documents into `media/`)
 * and referenced relatively.
 * Whatever is not made local is remembered, by file, with the entries that refer to it.
 */
import path from 'node:path';
import type { ImportReport } from './report.ts';
import { findFile, findUpload, uploadPath, type SiteAddresses } from './uploads.ts';
import type { StagedImport } from './writer.ts';

export interface UploadsFolder {
  dir: string;
  files: ReadonlySet<string>;
}

export interface MediaFile {
  /** The path relative to an entry's MDX file ("./images/2022/08/a.jpg"). */
  local: string;
  /** The file on disk it was copied from. */
  source: string;
}

export class MediaLibrary {
  readonly #missing = new Map<string, ImportReport['images']['missing'][number]>();
  copied = 0;

  private readonly staged: StagedImport;
  private readonly folders: readonly UploadsFolder[];
  private readonly site: SiteAddresses;

  constructor(staged: StagedImport, folders: readonly UploadsFolder[], site: SiteAddresses) {
    this.staged = staged;
    this.folders = folders;
    this.site = site;
  }

  /** An image's local path, or null (remembered as missing for `entry`). */
  image(src: string, entry: string): MediaFile | null {
    return this.#find(src, entry, 'images', (relative, files) => findUpload(relative, files));
  }

  /** Any upload's local path (audio, video, a PDF), or null (remembered as missing). */
  file(src: string, entry: string): MediaFile | null {
    return this.#find(src, entry, 'media', (relative, files) => findFile(relative, files));
  }

  /** What is not local, by file (a resized copy "-1024x576" and its original are one picture). */
  missing(): ImportReport['images']['missing'] {
    return [...this.#missing.values()];
  }

  /** The address as a reader would open it on the old site. */
  absolute(src: string): string {
    try {
      return new URL(src, this.site.blog).href;
    } catch {
      return src;
    }
  }

  #find(src: string, entry: string, kind: 'images' | 'media', find: typeof findUpload): MediaFile | null {
    const upload = uploadPath(src, this.site);
    if (upload === null) {
      this.#remember(null, this.absolute(src), 'on another site', entry);
      return null;
    }
    let reason = this.folders.length ? 'missing' : 'no --uploads folder or --fetch-media given';
    for (const folder of this.folders) {
      const found = find(upload, folder.files);
      if (found.found) {
        // Beside the entry, as the CMS keeps an article's photos: content/articles/images/2022/08/photo.jpg.
        const collection = entry.split('/')[0]!;
        const target = `${collection}/${kind}/${found.file}`;
        if (!this.staged.has(target)) this.copied++;
        const source = path.join(folder.dir, found.file);
        this.staged.copy(target, source);
        return { local: `./${kind}/${found.file}`, source };
      }
      reason = found.reason;
    }
    this.#remember(upload, this.absolute(src), reason, entry);
    return null;
  }

  #remember(upload: string | null, url: string, reason: string, entry: string): void {
    const key = upload === null ? url : upload.replace(/-\d+x\d+(\.[A-Za-z0-9]+)$/, '$1');
    const known = this.#missing.get(key) ?? { url, reason, entries: [] };
    if (!known.entries.includes(entry)) known.entries.push(entry);
    this.#missing.set(key, known);
  }
}
