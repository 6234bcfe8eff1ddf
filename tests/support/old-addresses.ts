/**
 * The WordPress import's old addresses checked on a real server (nginx in the tests): every
 * published post and page of an export answers 301 at its old permalink (as WordPress wrote it
 * and with capital percent-encoding, with and without its trailing slash) and at `?p=`/`?page_id=`,
 * and the page it leads to answers 200; so does every rule of the content/_redirects it wrote
 * (archives and feeds included). Shared by the import's end-to-end tests.
 */
import path from 'node:path';
import { expect } from 'vitest';
import { readRedirects } from '../../src/deploy/redirects.ts';
import { readWxrFile } from '../../src/import/wordpress/wxr-reader.ts';

export interface PublishedEntry {
  link: string;
  id: string;
  type: string;
}

/** The published posts and pages of an export: old address, id, and type. */
export async function publishedEntries(exportFile: string): Promise<PublishedEntry[]> {
  const entries: PublishedEntry[] = [];
  for await (const record of readWxrFile(exportFile)) {
    const item = record.kind === 'item' ? record.item : null;
    if (item && item.status === 'publish' && (item.type === 'post' || item.type === 'page'))
      entries.push({ link: item.link, id: item.id, type: item.type });
  }
  return entries;
}

/** The status and Location of an address, redirects not followed. */
export async function redirectOf(origin: string, pathAndQuery: string) {
  const response = await fetch(new URL(pathAndQuery, origin), { redirect: 'manual' });
  await response.body?.cancel();
  return { status: response.status, location: response.headers.get('location') };
}

export async function statusOf(origin: string, pathname: string): Promise<number> {
  const response = await fetch(new URL(pathname, origin));
  await response.body?.cancel();
  return response.status;
}

/** The variants of an old path a reader or a search engine may ask for. */
function variants(old: string): Set<string> {
  // Browsers send percent-encoding in capitals; WordPress wrote it in small letters.
  const upper = old.replace(/%[0-9a-f]{2}/g, (hex) => hex.toUpperCase());
  return new Set([old, upper, old.replace(/\/$/, ''), upper.replace(/\/$/, '')].filter(Boolean));
}

/**
 * Asks for every old address of every entry; each must answer 301 to one page that answers 200.
 * Returns how many old addresses answered so, and where each entry now lives.
 */
export async function checkOldAddresses(
  origin: string,
  entries: readonly PublishedEntry[],
): Promise<{ answered: number; targets: Map<string, string> }> {
  let answered = 0;
  const targets = new Map<string, string>();
  for (const entry of entries) {
    const query = `/?${entry.type === 'page' ? 'page_id' : 'p'}=${entry.id}`;
    const { status, location } = await redirectOf(origin, query);
    expect(status, query).toBe(301);
    expect(await statusOf(origin, location!), location!).toBe(200);
    targets.set(entry.id, location!);
    answered++;
    const old = new URL(entry.link).pathname;
    // With plain permalinks the old address is "/?p=…" itself.
    if (old === location || old === '/') continue;
    for (const variant of variants(old)) {
      expect(await redirectOf(origin, variant), variant).toEqual({ status: 301, location });
      answered++;
    }
  }
  return { answered, targets };
}

/**
 * Every rule the import wrote to content/_redirects, asked for on the server (the path as written,
 * in capital percent-encoding, without its trailing slash; a query rule with its query): each must
 * answer 301 to its target, which answers 200. Returns how many old addresses answered so.
 */
export async function checkContentRedirects(origin: string, contentDir: string): Promise<number> {
  const { redirects, problems } = await readRedirects(path.join(contentDir, '_redirects'));
  expect(problems).toEqual([]);
  let answered = 0;
  for (const rule of redirects) {
    const query = new URLSearchParams(rule.query).toString();
    const asked = query ? [`${rule.from}?${query}`] : [...variants(rule.from)];
    for (const address of asked) {
      expect(await redirectOf(origin, address), address).toEqual({ status: 301, location: rule.to });
      answered++;
    }
    expect(await statusOf(origin, rule.to), rule.to).toBe(200);
  }
  return answered;
}

/** Old archive and feed addresses and where each must lead (301), to a page that answers 200. */
export async function checkRedirects(origin: string, pairs: readonly (readonly [string, string])[]): Promise<number> {
  for (const [old, target] of pairs) {
    expect(await redirectOf(origin, old), old).toEqual({ status: 301, location: target });
    expect(await statusOf(origin, target), target).toBe(200);
  }
  return pairs.length;
}
