import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { cardTree, type CardText } from '../../../src/share-images/card.ts';
import { drawCardTree } from '../../../src/share-images/draw-tree.ts';
import { projectRoot } from '../../support/project.ts';

/** The drawn card's RGB pixels. */
async function pixels(text: CardText): Promise<(x: number, y: number) => [number, number, number]> {
  const png = await drawCardTree(projectRoot, cardTree(text), 1200, 630);
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return (x, y) => {
    const at = (y * info.width + x) * 3;
    return [data[at]!, data[at + 1]!, data[at + 2]!];
  };
}

const hex = (colour: string) => [1, 3, 5].map((at) => parseInt(colour.slice(at, at + 2), 16));

/** Pixels in rows [top, bottom) of the text column (x 72-1127) further than 24 levels from `colour`. */
function offColour(
  pixel: (x: number, y: number) => [number, number, number],
  top: number,
  bottom: number,
  colour: string,
) {
  const want = hex(colour);
  let off = 0;
  for (let y = top; y < bottom; y++) {
    for (let x = 72; x < 1128; x++) if (pixel(x, y).some((value, i) => Math.abs(value - want[i]!) > 24)) off++;
  }
  return off;
}

const paper = '#fdfcf8';

describe('share card layout', () => {
  it('a headline taller than its space stays between the masthead and the byline, whose rules and margins are untouched', async () => {
    // Wide capitals: the size estimate expects two lines and a dek; satori wraps them onto four, taller than the space.
    const pixel = await pixels({
      headline: 'WWWWWW MMMMMM WWWWWW MMMMMM WWWWWW MMM',
      kicker: 'World',
      dek: 'A dek long enough to wrap onto a second line on the card, and then some more words to fill that line too.',
      byline: 'By Mei Tanaka',
      date: 'March 3, 2024',
      siteName: 'The Meridian',
      siteHost: 'news.example.com',
    });
    expect(offColour(pixel, 160, 240, paper)).toBeGreaterThan(10_000); // the headline is drawn
    expect(offColour(pixel, 110, 124, paper)).toBe(0); // the margin above the masthead's rule
    expect(offColour(pixel, 124, 127, '#1b1b1b')).toBe(0); // the masthead's ink rule
    expect(offColour(pixel, 531, 532, '#d8d2c6')).toBe(0); // the byline's rule
    expect(offColour(pixel, 532, 548, paper)).toBe(0); // the margin under it
  });

  it('breaks a word wider than the column and ends a long byline in an ellipsis, inside the margins', async () => {
    const pixel = await pixels({
      headline: `Pneumonoultramicroscopicsilicovolcanoconiosis${'x'.repeat(30)} inquiry`,
      byline: `By ${Array.from({ length: 12 }, (_, i) => `Correspondent Number ${i + 1}`).join(', ')}`,
      date: 'March 3, 2024',
      siteName: 'The Meridian',
      siteHost: 'news.example.com',
    });
    let outside = 0;
    for (let y = 127; y < 630; y++) {
      for (const x of [...Array(60).keys(), ...Array.from({ length: 60 }, (_, i) => 1140 + i)]) {
        if (pixel(x, y).some((value, i) => Math.abs(value - hex(paper)[i]!) > 24)) outside++;
      }
    }
    expect(outside).toBe(0);
    expect(offColour(pixel, 586, 630, paper)).toBe(0); // one line of byline: the bottom margin stays empty
  });
});
