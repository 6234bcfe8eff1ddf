/**
 * `--fetch-media`: downloads the old site's uploads that the export refers to into a folder
 * laid out like wp-content/uploads, which the import then reads as it reads `--uploads`.
 * Bounded concurrency, retries with back-off, a size limit, progress; a file already in the
 * folder is not fetched again, so a second run downloads nothing. `--media-origin` fetches
 * the same paths from another origin (a mirror, a backup served over HTTP).
 */
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import pLimit from 'p-limit';
import { uploadPath, type SiteAddresses } from './uploads.ts';

export interface FetchOptions {
  /** Where the files go, as paths inside wp-content/uploads. */
  dir: string;
  site: SiteAddresses;
  /** Fetch from this origin instead of the addresses' own ("http://127.0.0.1:8080"). */
  origin?: string | undefined;
  concurrency?: number;
  retries?: number;
  /** Larger files are not downloaded (reported). */
  maxBytes?: number;
  progress?: (state: FetchProgress) => void;
}

export interface FetchProgress {
  total: number;
  done: number;
  downloaded: number;
  failed: number;
}

export interface FetchResult {
  downloaded: number;
  /** Already in the folder from an earlier run. */
  present: number;
  bytes: number;
  failed: { url: string; reason: string }[];
}

const resized = /-\d+x\d+(\.[A-Za-z0-9]+)$/;

/** Upload addresses in a post's HTML or an attachment's URL (src, srcset, href, poster, url(…), shortcode attributes). */
export function mediaAddresses(html: string): string[] {
  return [...html.matchAll(/(?:https?:)?\/\/[^\s"'<>()[\]]+|\/wp-content\/uploads\/[^\s"'<>()[\]]+/g)].map((match) =>
    match[0].replace(/[.,;]+$/, ''),
  );
}

/** What to download: each upload once, keyed by its path; the original before WordPress's resized copy. */
export function plannedDownloads(addresses: Iterable<string>, site: SiteAddresses): Map<string, string[]> {
  const plan = new Map<string, string[]>();
  for (const address of addresses) {
    const relative = uploadPath(address, site);
    if (relative === null || relative.split('/').includes('..') || relative.endsWith('/')) continue;
    const original = relative.replace(resized, '$1');
    const candidates = plan.get(original) ?? [original];
    if (!candidates.includes(relative)) candidates.push(relative);
    plan.set(original, candidates);
  }
  return plan;
}

class TooLarge extends Error {}
class NotThere extends Error {}

function limitBytes(max: number, counter: { bytes: number }): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      counter.bytes += chunk.length;
      callback(counter.bytes > max ? new TooLarge(`larger than ${max} bytes`) : null, chunk);
    },
  });
}

/** One file from one address; throws NotThere (no retry), TooLarge (no retry) or any other error (retried). */
async function download(url: string, target: string, maxBytes: number): Promise<number> {
  const response = await fetch(url, { signal: AbortSignal.timeout(120_000), redirect: 'follow' });
  if (response.status === 404 || response.status === 410) throw new NotThere(`${response.status} at ${url}`);
  if (!response.ok || !response.body) throw new Error(`HTTP ${response.status} at ${url}`);
  if (Number(response.headers.get('content-length') ?? 0) > maxBytes) {
    await response.body.cancel();
    throw new TooLarge(`larger than ${maxBytes} bytes`);
  }
  await mkdir(path.dirname(target), { recursive: true });
  const partial = `${target}.part`;
  const counter = { bytes: 0 };
  try {
    await pipeline(
      Readable.fromWeb(response.body as WebReadableStream<Uint8Array>),
      limitBytes(maxBytes, counter),
      createWriteStream(partial),
    );
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  await rename(partial, target);
  return counter.bytes;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function sourceUrl(relative: string, original: string, options: FetchOptions): string {
  const encoded = relative.split('/').map(encodeURIComponent).join('/');
  const own = new URL(original, options.site.install);
  const prefix = own.pathname.slice(0, own.pathname.indexOf('/wp-content/uploads/') + 1) || '/';
  const base = own.host.endsWith('.files.wordpress.com') ? '/' : `${prefix}wp-content/uploads/`;
  return new URL(`${base}${encoded}`, options.origin ?? own.origin).href;
}

/** Downloads every planned upload not yet in the folder. */
export async function fetchMedia(addresses: Iterable<string>, options: FetchOptions): Promise<FetchResult> {
  const plan = plannedDownloads(addresses, options.site);
  const result: FetchResult = { downloaded: 0, present: 0, bytes: 0, failed: [] };
  const progress: FetchProgress = { total: plan.size, done: 0, downloaded: 0, failed: 0 };
  const limit = pLimit(options.concurrency ?? 4);
  const firstAddress = new Map<string, string>();
  for (const address of addresses) {
    const relative = uploadPath(address, options.site);
    if (relative !== null && !firstAddress.has(relative)) firstAddress.set(relative, address);
  }
  const fetchOne = async (candidates: string[]) => {
    if (candidates.some((relative) => existsSync(path.join(options.dir, relative)))) result.present++;
    else {
      const outcome = await fetchCandidates(
        candidates,
        (relative) => sourceUrl(relative, firstAddress.get(candidates.at(-1)!) ?? options.site.install, options),
        options,
      );
      if (typeof outcome === 'number') {
        result.downloaded++;
        result.bytes += outcome;
        progress.downloaded++;
      } else {
        result.failed.push(outcome);
        progress.failed++;
      }
    }
    progress.done++;
    options.progress?.({ ...progress });
  };
  await Promise.all([...plan.values()].map((candidates) => limit(() => fetchOne(candidates))));
  return result;
}

/** The first candidate that downloads (the original, then the size the post named), with retries. */
async function fetchCandidates(
  candidates: string[],
  urlOf: (relative: string) => string,
  options: FetchOptions,
): Promise<number | { url: string; reason: string }> {
  const retries = options.retries ?? 3;
  let last = { url: urlOf(candidates.at(-1)!), reason: 'not found' };
  for (const relative of candidates) {
    const url = urlOf(relative);
    for (let attempt = 0; attempt <= retries; attempt++) {
      try {
        return await download(url, path.join(options.dir, relative), options.maxBytes ?? 500 * 1024 * 1024);
      } catch (error) {
        last = { url, reason: (error as Error).message };
        if (error instanceof NotThere) break;
        if (error instanceof TooLarge) return last;
        if (attempt < retries) await wait(250 * 2 ** attempt);
      }
    }
  }
  return last;
}
