import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * One key per page Astro's incremental build (`experimental.incrementalBuild`) wrote or restored,
 * read from the manifest it leaves in `cacheDir` before the build's last steps run. Astro restores
 * a page exactly when all of what goes into the key is unchanged, so a page whose key was seen in
 * an earlier build is that build's HTML: the steps that read every built page (the CSP merge, the
 * search index's shard plan) look up what they derived from it by this key and read only pages
 * with a new one. At 10,000 articles that is about 50 pages of 14,600 when one story is published.
 *
 * The manifest is Astro's, not a public API. A manifest that is missing or does not read as
 * expected gives no keys, and then every page is read, as without it.
 */

const MANIFEST = 'incremental-build.json';

interface Manifest {
  version: number;
  configHash: string;
  lockfileHash: string;
  routes: Record<string, { dependencyHash: string; paths: Record<string, { outputFile?: unknown }> }>;
}

function isManifest(value: unknown): value is Manifest {
  const manifest = value as Partial<Manifest> | undefined;
  return (
    manifest?.version === 1 &&
    typeof manifest.configHash === 'string' &&
    typeof manifest.lockfileHash === 'string' &&
    typeof manifest.routes === 'object' &&
    manifest.routes !== null
  );
}

/** The output file as the build folder lists it: Astro records it URL-encoded. */
function outputPath(outputFile: string): string | undefined {
  try {
    return path.posix.normalize(decodeURIComponent(outputFile)).replace(/^\/+/, '');
  } catch {
    return undefined;
  }
}

/** Each page's key, by its file in the build folder (`articles/x/index.html`). */
export async function pageRenderKeys(cacheDir: string): Promise<Map<string, string>> {
  const keys = new Map<string, string>();
  const manifest: unknown = await readFile(path.join(cacheDir, MANIFEST), 'utf8')
    .then((text) => JSON.parse(text) as unknown)
    .catch(() => undefined);
  if (!isManifest(manifest)) return keys;
  const { version, configHash, lockfileHash } = manifest;
  for (const [component, route] of Object.entries(manifest.routes)) {
    for (const [pathname, entry] of Object.entries(route?.paths ?? {})) {
      const file = typeof entry?.outputFile === 'string' ? outputPath(entry.outputFile) : undefined;
      if (!file) continue;
      const recorded = JSON.stringify([
        version,
        configHash,
        lockfileHash,
        component,
        route.dependencyHash,
        pathname,
        entry,
      ]);
      keys.set(file, createHash('sha256').update(recorded).digest('base64url'));
    }
  }
  return keys;
}
