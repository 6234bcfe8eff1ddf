import { createHash } from 'node:crypto';
import { access, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** How many share images this build drew and how many it took from the cache, and the time spent drawing. */
export interface ShareImageStats {
  drawn: number;
  cached: number;
  drawMs: number;
}

/**
 * The counters live on globalThis: the build's pages and the integration that logs
 * them at the end load separate copies of this module.
 */
const statsKey = Symbol.for('meridian.sharing.share-image-stats');
type StatsHolder = { [statsKey]?: ShareImageStats };

export function shareImageStats(): ShareImageStats {
  const holder = globalThis as StatsHolder;
  holder[statsKey] ??= { drawn: 0, cached: 0, drawMs: 0 };
  return holder[statsKey];
}

export function resetShareImageStats(): void {
  Object.assign(shareImageStats(), { drawn: 0, cached: 0, drawMs: 0 });
}

/** "share images: 2 drawn, 3 cached (812 ms drawing)". */
export function formatStats(stats: ShareImageStats): string {
  return `share images: ${stats.drawn} drawn, ${stats.cached} cached (${Math.round(stats.drawMs)} ms drawing)`;
}

/** A stable hash of anything JSON can express (objects with the same content give the same hash). */
export function hashOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 32);
}

/** A drawn image and the time drawing it took (on whichever thread drew it). */
export interface Drawn {
  image: Buffer;
  ms: number;
}

/** Images drawn by this build (or being drawn), by file; they hold no pixels, only completion. */
const drawnThisBuild = new Map<string, Promise<void>>();
/** Images prepareImage() has counted; their page may be copied by an incremental build instead of asking for them. */
const prepared = new Set<string>();

const imageFile = (dir: string, key: unknown, extension: string) => path.join(dir, `${hashOf(key)}.${extension}`);

async function isStored(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

function drawAndStore(dir: string, file: string, draw: () => Promise<Drawn>): Promise<void> {
  const stored = (async () => {
    const { image, ms } = await draw();
    shareImageStats().drawMs += ms;
    await mkdir(dir, { recursive: true });
    // Write then rename, so a build stopped half-way never leaves a truncated image behind.
    const partial = `${file}.${process.pid}.partial`;
    await writeFile(partial, image);
    await rename(partial, file);
  })();
  drawnThisBuild.set(file, stored);
  return stored;
}

/**
 * Returns the image stored under the hash of `key`, or draws it, stores it and returns it.
 * `key` must contain everything that changes the pixels (the layout tree, font and library
 * versions, encoder settings), so an unchanged article is never drawn twice. An image that
 * prepareImage() started is awaited, not drawn again (and not counted again).
 */
export async function cachedImage(
  dir: string,
  key: unknown,
  extension: string,
  draw: () => Promise<Drawn>,
): Promise<Buffer> {
  const file = imageFile(dir, key, extension);
  const stats = prepared.has(file) ? { drawn: 0, cached: 0 } : shareImageStats();
  let drawing = drawnThisBuild.get(file);
  if (!drawing) {
    try {
      const stored = await readFile(file);
      stats.cached += 1;
      return stored;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    drawing = drawnThisBuild.get(file) ?? drawAndStore(dir, file, draw);
  }
  await drawing;
  stats.drawn += 1;
  return readFile(file);
}

/**
 * Starts drawing an image into the cache unless it is stored already, without waiting, so that
 * images are drawn on other threads while pages render; cachedImage() then finds it. Counted in
 * the statistics here, as drawn or cached, since an incremental build may copy its page instead
 * of asking cachedImage() for it.
 */
export async function prepareImage(
  dir: string,
  key: unknown,
  extension: string,
  draw: () => Promise<Drawn>,
): Promise<void> {
  const file = imageFile(dir, key, extension);
  const stats = shareImageStats();
  prepared.add(file);
  if (!drawnThisBuild.has(file) && (await isStored(file))) {
    stats.cached += 1;
    return;
  }
  stats.drawn += 1;
  // A failure is reported by cachedImage(), which awaits the same drawing.
  if (!drawnThisBuild.has(file)) drawAndStore(dir, file, draw).catch(() => undefined);
}
