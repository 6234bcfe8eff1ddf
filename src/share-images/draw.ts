import satori, { type SatoriOptions } from 'satori';
import sharp from 'sharp';
import { CARD_HEIGHT, CARD_WIDTH, type CardNode } from './card.ts';

/**
 * PNG settings. A full-colour PNG of a flat card is about 60 KB, well under WhatsApp’s 300 KB limit; palette
 * quantisation would halve it at five times the drawing time.
 */
export const pngOptions = { compressionLevel: 6 } as const;

/** Draws a tree to a PNG (1200x630 by default): satori lays it out as SVG (text as paths), sharp rasterises it. */
export async function drawCard(
  tree: CardNode,
  fonts: SatoriOptions['fonts'],
  width = CARD_WIDTH,
  height = CARD_HEIGHT,
): Promise<Buffer> {
  // satori types its input as React's ReactNode once @types/react is installed (decap-cms brings it);
  // it takes this plain-object tree all the same.
  const svg = await satori(tree as unknown as Parameters<typeof satori>[0], { width, height, fonts });
  return sharp(Buffer.from(svg)).png(pngOptions).toBuffer();
}
