import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as fontkit from 'fontkit';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { cardTree, type CardNode, type CardText } from '../../../src/share-images/card.ts';
import { drawCard } from '../../../src/share-images/draw.ts';
import { DrawPool } from '../../../src/share-images/draw-pool.ts';
import { drawCardTree } from '../../../src/share-images/draw-tree.ts';
import { fontsFor, scriptFontFile, scriptSubsets } from '../../../src/share-images/fonts.ts';
import { isRightToLeft, needsPango, scriptFontsFor } from '../../../src/share-images/scripts.ts';
import { woffToSfnt } from '../../../src/share-images/woff.ts';
import { projectRoot } from '../../support/project.ts';
import { scriptHeadlines } from '../../support/script-headlines.ts';

const card = (headline: string, extra: Partial<CardText> = {}): CardText => ({
  headline,
  siteName: 'The Meridian',
  siteHost: 'news.example.com',
  ...extra,
});

/** The Latin fonts every card has (Noto Serif and Noto Sans), for the spaces and punctuation around a script. */
const latinFiles = [
  'noto-serif/files/noto-serif-latin-700-normal.woff',
  'noto-sans/files/noto-sans-latin-400-normal.woff',
].map((file) => path.join(projectRoot, 'node_modules', '@fontsource', file));

/** The card's pixels as grey levels (0 black … 255 white), with its size. */
async function grey(png: Buffer): Promise<{ data: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** Share of pixels in rows [top, bottom) whose grey level differs by more than 40. */
async function difference(a: Buffer, b: Buffer, top = 0, bottom = 630): Promise<number> {
  const [x, y] = [await grey(a), await grey(b)];
  let differing = 0;
  for (let row = top; row < bottom; row++) {
    for (let column = 0; column < x.width; column++) {
      const index = row * x.width + column;
      if (Math.abs(x.data[index]! - y.data[index]!) > 40) differing++;
    }
  }
  return differing / ((bottom - top) * x.width);
}

/** The card drawn as before issue 17: satori alone, with only the Latin/Cyrillic/Greek fonts (a font known to lack these scripts). */
async function drawnWithoutScriptFonts(tree: CardNode): Promise<Buffer> {
  const fonts = await fontsFor(projectRoot, 'Latin only');
  return drawCard(tree, fonts);
}

describe('share cards in every script', () => {
  it('chooses the font and the renderer by the text', () => {
    const chosen = (text: string) => scriptFontsFor(text).map((font) => `${font.family}/${font.renderer}`);
    expect(chosen('Ministers meet in Hanoi')).toEqual([]);
    expect(chosen(scriptHeadlines.Burmese!)).toEqual(['Noto Sans Myanmar/pango']);
    expect(chosen(scriptHeadlines.Arabic!)).toEqual(['Noto Sans Arabic/pango']);
    expect(chosen(scriptHeadlines.Japanese!)).toEqual(['Noto Sans JP/satori']);
    expect(chosen(scriptHeadlines.Chinese!)).toEqual(['Noto Sans SC/satori']);
    expect(chosen(scriptHeadlines.Korean!)).toEqual(['Noto Sans KR/satori']);
    expect(needsPango('Ministers meet in Hanoi')).toBe(false);
    expect(isRightToLeft(scriptHeadlines.Hebrew!)).toBe(true);
    expect(isRightToLeft(`COP28: ${scriptHeadlines.Arabic}`)).toBe(false);
  });

  it.each(Object.entries(scriptHeadlines))(
    '%s: every character of the headline is in the cmap of a font the card loads',
    async (script, headline) => {
      const files = [
        ...scriptFontsFor(headline).flatMap((font) =>
          scriptSubsets(projectRoot, font, headline).map((subset) => scriptFontFile(projectRoot, font, subset, 700)),
        ),
        ...latinFiles,
      ];
      const fonts = await Promise.all(files.map(async (file) => fontkit.create(await readFile(file)) as fontkit.Font));
      const missing = [...new Set(headline)].filter(
        (char) => !/\s/.test(char) && !fonts.some((font) => font.hasGlyphForCodePoint(char.codePointAt(0)!)),
      );
      expect(missing, script).toEqual([]);
    },
  );

  it.each(Object.entries(scriptHeadlines))(
    '%s: the card differs from one drawn with fonts lacking the script (no missing-glyph boxes)',
    async (script, headline) => {
      const tree = cardTree(card(headline));
      const drawn = await drawCardTree(projectRoot, tree, 1200, 630);
      const boxes = await drawnWithoutScriptFonts(tree);
      // The headline band: below the masthead, above the foot of the card.
      expect(await difference(drawn, boxes, 110, 560), script).toBeGreaterThan(0.02);
    },
  );

  it('an Arabic card reads right to left: the first word is on the right, the line aligned to the right edge', async () => {
    const [first, second] = ['والمستشفيات', 'قرب'];
    const { data, width } = await grey(
      await drawCardTree(projectRoot, cardTree(card(`${first} ${second}`)), 1200, 630),
    );
    const inked = Array.from({ length: width }, (_, column) => {
      for (let row = 130; row < 540; row++) if (data[row * width + column]! < 128) return true;
      return false;
    });
    // Runs of inked columns, merged across gaps narrower than a space.
    const runs: [number, number][] = [];
    inked.forEach((ink, column) => {
      if (!ink) return;
      const last = runs.at(-1);
      if (last && column - last[1] < 12) last[1] = column;
      else runs.push([column, column]);
    });
    expect(runs).toHaveLength(2);
    const [left, right] = runs as [[number, number], [number, number]];
    // The long first word is the right-hand run; the short second word is on its left.
    expect(right[1] - right[0]).toBeGreaterThan(2 * (left[1] - left[0]));
    expect(right[1]).toBeGreaterThan(1200 - 72 - 20);
    expect(left[0]).toBeGreaterThan(400);
  });

  it('a Burmese card is shaped: it differs from satori’s unshaped drawing with the same font', async () => {
    const headline = scriptHeadlines.Burmese!;
    const tree = cardTree(card(headline));
    const shaped = await drawCardTree(projectRoot, tree, 1200, 630);
    // satori given the Burmese font draws every character in logical order, with no reordering or stacking.
    const unshaped = await drawCard(
      tree,
      await fontsFor(projectRoot, `${headline}`.replace(/[\u1000-\u109f]/g, '') + 'x').then(async (fonts) => [
        ...fonts,
        {
          name: 'Noto Sans Myanmar',
          data: await readFile(scriptFontFile(projectRoot, scriptFontsFor(headline)[0]!, 'myanmar', 700)),
          weight: 700 as const,
          style: 'normal' as const,
        },
      ]),
    );
    expect(await difference(shaped, unshaped, 110, 560)).toBeGreaterThan(0.02);
  });

  it('draws Pango text on the worker threads exactly as in the build process', async () => {
    const pool = new DrawPool(projectRoot, 1);
    const tree = cardTree(card(scriptHeadlines.Burmese!, { dek: scriptHeadlines.Arabic! }));
    const { image } = await pool.draw(tree, 1200, 630);
    expect(Buffer.compare(image, await drawCardTree(projectRoot, tree, 1200, 630))).toBe(0);
  });

  it('unpacks WOFF to a TrueType font with the same glyphs', async () => {
    const woff = await readFile(
      scriptFontFile(projectRoot, scriptFontsFor(scriptHeadlines.Burmese!)[0]!, 'myanmar', 700),
    );
    const fromWoff = fontkit.create(woff) as fontkit.Font;
    const fromTtf = fontkit.create(woffToSfnt(woff)) as fontkit.Font;
    expect(fromTtf.numGlyphs).toBe(fromWoff.numGlyphs);
    expect(fromTtf.familyName).toBe('Noto Sans Myanmar');
    expect(() => woffToSfnt(Buffer.from('not a font at all, just some bytes to be refused here'))).toThrow(/WOFF/);
  });
});
