/**
 * Decap CMS's prebuilt bundle, and nothing else of it: the `decap-cms` package's dependencies are
 * the whole React tree (about 640 packages, 360 MB, and most of `npm install`'s peer-dependency
 * warnings), none of which the admin uses, since it loads Decap's own bundle. So the package's
 * tarball is fetched with npm's own client (`npm pack`: the configured registry, npm's cache,
 * offline when cached), checked against the pinned integrity, and only `dist/decap-cms.js` and its
 * chunks are kept, under node_modules/.cache. `npm install` does it once (tools/postinstall.ts); a build
 * that finds them missing does it then.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The pinned release: a new version is a new line here with the integrity npm reports for it. */
export const decapRelease = {
  version: '3.16.3',
  integrity: 'sha512-hf+dPlCh7TJmWl8+6VRzHYOWhri5xgUknrZbDewaWe4s9B7xJ8PQugp2QHeSldMUKzav6+z0oIpwUYhUJDYtYw==',
} as const;

/** Decap's main bundle; it loads its other chunks from the folder it was loaded from. */
export const DECAP_BUNDLE = 'decap-cms.js';

/** Decap's bundle and chunks among a folder's names: `decap-cms.js` and `<n>.decap-cms.js` (not the `cms.js` copies or source maps). */
export const isDecapFile = (name: string) => name === DECAP_BUNDLE || /^\d+\.decap-cms\.js$/.test(name);

/** Where the bundle of the pinned release is kept. */
export function decapDir(projectRoot: string): string {
  return path.join(projectRoot, 'node_modules', '.cache', 'decap-cms', decapRelease.version);
}

/** The tarball's integrity as npm writes it (`sha512-<base64>`). */
export function tarballIntegrity(tarball: Buffer): string {
  return `sha512-${createHash('sha512').update(tarball).digest('base64')}`;
}

/** The folder holding the pinned bundle and its chunks, fetched first if it is not there yet. */
export async function ensureDecapBundle(projectRoot: string): Promise<string> {
  const dir = decapDir(projectRoot);
  if (existsSync(path.join(dir, DECAP_BUNDLE))) return dir;
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'decap-cms-'));
  try {
    const spec = `decap-cms@${decapRelease.version}`;
    const { stdout } = await run('npm', ['pack', spec, '--json', '--pack-destination', scratch], {
      cwd: projectRoot,
      maxBuffer: 64 * 1024 * 1024,
    }).catch((error: unknown) => {
      throw new Error(`Could not fetch ${spec} for the CMS admin with npm pack: ${(error as Error).message}`, {
        cause: error,
      });
    });
    const [packed] = JSON.parse(stdout) as { filename: string }[];
    if (!packed) throw new Error(`npm pack ${spec} wrote no tarball`);
    const tarball = path.join(scratch, packed.filename);
    const integrity = tarballIntegrity(await readFile(tarball));
    if (integrity !== decapRelease.integrity) {
      throw new Error(
        `${spec} does not match its pinned integrity (got ${integrity}, expected ${decapRelease.integrity})`,
      );
    }
    await run('tar', ['-xzf', tarball, '-C', scratch, 'package/dist']);
    const unpacked = path.join(scratch, 'package', 'dist');
    const staging = path.join(scratch, 'bundle');
    await mkdir(staging);
    for (const name of (await readdir(unpacked)).filter(isDecapFile)) {
      await rename(path.join(unpacked, name), path.join(staging, name));
    }
    // Whole or not at all: a build never sees half a bundle.
    await mkdir(path.dirname(dir), { recursive: true });
    await rm(dir, { recursive: true, force: true });
    await rename(staging, dir).catch(async () => {
      // Another process put it there first (two builds side by side): theirs is the same bundle.
      if (!existsSync(path.join(dir, DECAP_BUNDLE))) throw new Error(`Could not write the Decap bundle to ${dir}`);
    });
    return dir;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
