import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/**
 * Clears the previous build's output without holding up the build. Astro empties the output
 * folder with `rmSync` on its main thread before bundling: at 10,000 articles, 30,000 files and
 * about ten seconds of every publish. Here the folder is renamed into the cache folder when the
 * build starts, so Astro finds nothing to empty, and removed in the background while the build
 * bundles and renders. An output folder that holds `.git` (a site deployed by pushing it, which
 * Astro keeps) or that cannot be renamed (another file system) is left to Astro.
 */

const PREFIX = 'previous-output-';

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** Moves `outDir` aside into `cacheDir` and starts removing it and any left by an interrupted build; resolves when all are gone. */
export async function clearOutputFolder(outDir: string, cacheDir: string): Promise<() => Promise<void>> {
  await mkdir(cacheDir, { recursive: true });
  const leftovers = (await readdir(cacheDir))
    .filter((name) => name.startsWith(PREFIX))
    .map((name) => path.join(cacheDir, name));
  const aside = path.join(cacheDir, `${PREFIX}${process.pid}-${Date.now()}`);
  const moved =
    (await exists(outDir)) &&
    !(await exists(path.join(outDir, '.git'))) &&
    (await rename(outDir, aside).then(
      () => true,
      () => false,
    ));
  const removing = Promise.all(
    [...leftovers, ...(moved ? [aside] : [])].map((folder) =>
      rm(folder, { recursive: true, force: true, maxRetries: 3 }),
    ),
  );
  // A failure shows when the caller waits; until then it is not "unhandled".
  removing.catch(() => undefined);
  return async () => {
    await removing;
  };
}

/** The integration: list it last, so that the build's last step waits for the removal, if it is still going. */
export function clearOutputInBackground(): AstroIntegration {
  let folders: { outDir: string; cacheDir: string } | undefined;
  let finished: (() => Promise<void>) | undefined;
  return {
    name: 'meridian:clear-output',
    hooks: {
      'astro:config:done': ({ config }) => {
        folders = { outDir: fileURLToPath(config.outDir), cacheDir: fileURLToPath(config.cacheDir) };
      },
      'astro:build:start': async () => {
        finished = await clearOutputFolder(folders!.outDir, folders!.cacheDir);
      },
      'astro:build:done': async () => {
        await finished?.();
      },
    },
  };
}
