import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { projectRoot, shareImageCacheDir } from 'virtual:meridian/share-images';
import { CARD_HEIGHT, CARD_WIDTH, cardTree, logoTree, treeText, type CardNode, type CardText } from './card.ts';
import { pngOptions } from './draw.ts';
import { DrawPool } from './draw-pool.ts';
import { fontVersions, scriptFontVersions } from './fonts.ts';
import { cachedImage, prepareImage, type Drawn } from './cache.ts';

let libraries: string | undefined;

/** Versions of everything that turns a tree into pixels; a new version redraws every image. */
function libraryVersions(): string {
  if (!libraries) {
    const satoriPackage = path.join(projectRoot, 'node_modules', 'satori', 'package.json');
    const satoriVersion = (JSON.parse(readFileSync(satoriPackage, 'utf8')) as { version: string }).version;
    libraries = `satori@${satoriVersion},sharp@${sharp.versions.sharp},vips@${sharp.versions.vips},${fontVersions(projectRoot)}`;
  }
  return libraries;
}

let pool: DrawPool | undefined;

/** Cards are drawn on worker threads (one per core), so drawing overlaps page rendering. */
function drawOnWorker(tree: CardNode, width: number, height: number): () => Promise<Drawn> {
  return () => (pool ??= new DrawPool(projectRoot)).draw(tree, width, height);
}

function treeKey(tree: CardNode, width: number, height: number) {
  // Script fonts are named only for cards that use them, so a Latin card's key (and cached image) stays as it was.
  const scriptFonts = scriptFontVersions(projectRoot, treeText(tree));
  return { tree, width, height, libraries: libraryVersions(), pngOptions, ...(scriptFonts ? { scriptFonts } : {}) };
}

function renderTree(tree: CardNode, width: number, height: number): Promise<Buffer> {
  return cachedImage(shareImageCacheDir, treeKey(tree, width, height), 'png', drawOnWorker(tree, width, height));
}

/** A 1200x630 PNG card with the article's text (or the site's, for the site card). */
export function renderCard(card: CardText): Promise<Buffer> {
  return renderTree(cardTree(card), CARD_WIDTH, CARD_HEIGHT);
}

/** Starts drawing cards that are not in the cache yet, in the background; renderCard() then picks them up. */
export async function prepareCards(cards: CardText[]): Promise<void> {
  for (const card of cards) {
    const tree = cardTree(card);
    await prepareImage(
      shareImageCacheDir,
      treeKey(tree, CARD_WIDTH, CARD_HEIGHT),
      'png',
      drawOnWorker(tree, CARD_WIDTH, CARD_HEIGHT),
    );
  }
}

export function renderLogo(siteName: string, size: number): Promise<Buffer> {
  return renderTree(logoTree(siteName), size, size);
}

const photoOptions = { quality: 80, mozjpeg: true } as const;

/** The article's own image cropped to 1200x630 as a JPEG (enlarged if it is smaller). */
export async function renderPhoto(sourceFile: string): Promise<Buffer> {
  const source = await readFile(sourceFile).catch((error: unknown) => {
    throw new Error(`Share image: cannot read the article image ${sourceFile}`, { cause: error });
  });
  const bytes = createHash('sha256').update(source).digest('hex');
  const key = { bytes, libraries: libraryVersions(), photoOptions, size: [CARD_WIDTH, CARD_HEIGHT] };
  return cachedImage(shareImageCacheDir, key, 'jpg', async () => {
    const started = performance.now();
    const image = await sharp(source)
      .rotate()
      .resize(CARD_WIDTH, CARD_HEIGHT, { fit: 'cover', position: 'attention' })
      .jpeg(photoOptions)
      .toBuffer();
    return { image, ms: performance.now() - started };
  });
}
