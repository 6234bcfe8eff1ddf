/**
 * The logic of `npm run nginx-conf`: reads a build's `_headers` and prints the nginx server
 * block that serves that build with the same headers.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseHeadersFile, type HeaderRule } from './headers.ts';
import { nginxServerBlock } from './nginx.ts';
import { readRedirects } from './redirects.ts';

export interface NginxConfOptions {
  /** The build folder to read `_headers` from (default dist). */
  dist: string;
  /** Where the files will live on the server (default: the build folder's absolute path). */
  root?: string | undefined;
  listen?: string | undefined;
  serverName?: string | undefined;
  brotli?: boolean | undefined;
}

/** The base path a build was made for: the shortest "/prefix/*" rule of its `_headers`. */
function baseFromRules(rules: readonly HeaderRule[]): string {
  const prefixes = rules.filter((rule) => rule.path.endsWith('/*')).map((rule) => rule.path.slice(0, -1));
  const base = prefixes.sort((a, b) => a.length - b.length)[0];
  if (!base) throw new Error('_headers has no "/…/*" rule: was it written by this site’s build?');
  return base;
}

export async function nginxConf(options: NginxConfOptions): Promise<string> {
  const file = path.join(options.dist, '_headers');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new Error(`${file} not found: run "npm run build" first (with the same BASE_PATH and COMMENTS_ENDPOINT).`);
  }
  const rules = parseHeadersFile(text);
  const base = baseFromRules(rules);
  const { redirects } = await readRedirects(path.join(options.dist, '_redirects'));
  return nginxServerBlock({
    listen: options.listen ?? '80',
    serverName: options.serverName ?? '_',
    brotli: options.brotli ?? false,
    sites: [{ base, root: path.resolve(options.root ?? options.dist), rules, redirects }],
  });
}
