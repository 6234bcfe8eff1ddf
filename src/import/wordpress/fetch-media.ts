/**
 * `--fetch-media`: downloads the old site's uploads that the export refers to into a folder
 * laid out like wp-content/uploads, which the import then reads as it reads `--uploads`.
 * Bounded concurrency, retries with back-off, a size limit, progress. A file already in the
 * folder is asked for again only conditionally (its ETag and Last-Modified, kept in
 * `.fetch-media.json`; without them, a HEAD request compares its size): a second run downloads
 * nothing, and a file replaced on the old site under the same name replaces the stale copy.
 * `--media-origin` fetches the same paths from another origin (a mirror, a backup served over HTTP).
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
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
  /** Already in the folder and unchanged on the server (or the server could not be asked). */
  present: number;
  /** Already in the folder, but changed on the server under the same name: downloaded again. */
  replaced: number;
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

/** What the server said about a file, to ask next time whether it changed. */
export interface Validators {
  etag?: string;
  lastModified?: string;
  size: number;
}

/** The record of what was downloaded, in the media folder. */
export const ledgerFile = '.fetch-media.json';

const validatorsOf = (response: Response, size: number): Validators => ({
  ...(response.headers.get('etag') ? { etag: response.headers.get('etag')! } : {}),
  ...(response.headers.get('last-modified') ? { lastModified: response.headers.get('last-modified')! } : {}),
  size,
});

interface Downloaded {
  bytes: number;
  validators: Validators;
}

/**
 * One file from one address into `target` (replacing it only once complete); null when the server
 * answers 304 to the conditional `headers`. Throws NotThere (no retry), TooLarge (no retry) or any
 * other error (retried).
 */
async function download(
  url: string,
  target: string,
  maxBytes: number,
  headers: Record<string, string> = {},
): Promise<Downloaded | null> {
  const response = await fetch(url, { signal: AbortSignal.timeout(120_000), redirect: 'follow', headers });
  if (response.status === 304) return null;
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
  return { bytes: counter.bytes, validators: validatorsOf(response, counter.bytes) };
}

const digest = async (file: string) => {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
};

/**
 * A file already in the folder, asked for again: conditionally when its validators are known,
 * else by its size (HEAD). A changed file is downloaded beside it and replaces it only when its
 * bytes differ. Returns the new validators and whether the file was replaced.
 */
async function revalidate(
  url: string,
  target: string,
  known: Validators | undefined,
  maxBytes: number,
): Promise<{ validators: Validators; replaced: boolean; bytes: number }> {
  const size = (await stat(target)).size;
  if (!known?.etag && !known?.lastModified) {
    const head = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(120_000), redirect: 'follow' });
    const length = head.headers.get('content-length');
    if (head.ok && length !== null && Number(length) === size)
      return { validators: validatorsOf(head, size), replaced: false, bytes: 0 };
  }
  const conditional: Record<string, string> = {
    ...(known?.etag ? { 'if-none-match': known.etag } : {}),
    ...(known?.lastModified ? { 'if-modified-since': known.lastModified } : {}),
  };
  const fresh = `${target}.new`;
  const downloaded = await download(url, fresh, maxBytes, conditional);
  if (!downloaded) return { validators: known!, replaced: false, bytes: 0 };
  const replaced = (await digest(fresh)) !== (await digest(target));
  if (replaced) await rename(fresh, target);
  else await rm(fresh, { force: true });
  return { validators: downloaded.validators, replaced, bytes: downloaded.bytes };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function sourceUrl(relative: string, original: string, options: FetchOptions): string {
  const encoded = relative.split('/').map(encodeURIComponent).join('/');
  const own = new URL(original, options.site.install);
  const prefix = own.pathname.slice(0, own.pathname.indexOf('/wp-content/uploads/') + 1) || '/';
  const base = own.host.endsWith('.files.wordpress.com') ? '/' : `${prefix}wp-content/uploads/`;
  return new URL(`${base}${encoded}`, options.origin ?? own.origin).href;
}

async function readLedger(dir: string): Promise<Record<string, Validators>> {
  try {
    return JSON.parse(await readFile(path.join(dir, ledgerFile), 'utf8')) as Record<string, Validators>;
  } catch {
    return {};
  }
}

/** Downloads every planned upload not yet in the folder, and again those changed on the server. */
export async function fetchMedia(addresses: Iterable<string>, options: FetchOptions): Promise<FetchResult> {
  const plan = plannedDownloads(addresses, options.site);
  const result: FetchResult = { downloaded: 0, present: 0, replaced: 0, bytes: 0, failed: [] };
  const progress: FetchProgress = { total: plan.size, done: 0, downloaded: 0, failed: 0 };
  const limit = pLimit(options.concurrency ?? 4);
  const ledger = await readLedger(options.dir);
  const firstAddress = new Map<string, string>();
  for (const address of addresses) {
    const relative = uploadPath(address, options.site);
    if (relative !== null && !firstAddress.has(relative)) firstAddress.set(relative, address);
  }
  const fetchOne = async (candidates: string[]) => {
    const urlOf = (relative: string) =>
      sourceUrl(relative, firstAddress.get(candidates.at(-1)!) ?? options.site.install, options);
    const present = candidates.find((relative) => existsSync(path.join(options.dir, relative)));
    if (present) await refreshOne(present, urlOf(present), ledger, result, options);
    else {
      const outcome = await fetchCandidates(candidates, urlOf, options);
      if (typeof outcome === 'object' && 'relative' in outcome) {
        result.downloaded++;
        result.bytes += outcome.bytes;
        progress.downloaded++;
        ledger[outcome.relative] = outcome.validators;
      } else {
        result.failed.push(outcome);
        progress.failed++;
      }
    }
    progress.done++;
    options.progress?.({ ...progress });
  };
  await Promise.all([...plan.values()].map((candidates) => limit(() => fetchOne(candidates))));
  await mkdir(options.dir, { recursive: true });
  await writeFile(path.join(options.dir, ledgerFile), `${JSON.stringify(ledger, null, 1)}\n`);
  return result;
}

/** A file from an earlier run: kept when unchanged (or when the server cannot be asked), replaced when changed. */
async function refreshOne(
  relative: string,
  url: string,
  ledger: Record<string, Validators>,
  result: FetchResult,
  options: FetchOptions,
): Promise<void> {
  try {
    const target = path.join(options.dir, relative);
    const checked = await revalidate(url, target, ledger[relative], options.maxBytes ?? 500 * 1024 * 1024);
    ledger[relative] = checked.validators;
    if (checked.replaced) {
      result.replaced++;
      result.bytes += checked.bytes;
    } else result.present++;
  } catch {
    // The old site is gone or busy: the copy from the earlier run is all there is.
    result.present++;
  }
}

/** The first candidate that downloads (the original, then the size the post named), with retries. */
async function fetchCandidates(
  candidates: string[],
  urlOf: (relative: string) => string,
  options: FetchOptions,
): Promise<(Downloaded & { relative: string }) | { url: string; reason: string }> {
  const retries = options.retries ?? 3;
  let last = { url: urlOf(candidates.at(-1)!), reason: 'not found' };
  for (const relative of candidates) {
    const url = urlOf(relative);
    for (let attempt = 0; attempt <= retries; attempt++) {
      try {
        const downloaded = await download(url, path.join(options.dir, relative), options.maxBytes ?? 500 * 1024 * 1024);
        if (downloaded) return { ...downloaded, relative };
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
