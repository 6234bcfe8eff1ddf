/**
 * The install removes the font files the share cards never read. What stays must be every file
 * the cards can ask for: each subset of each font package, in each weight the cards draw.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isCardFontFile } from '../../../src/share-images/font-packages.ts';
import { cardFontPackages } from '../../../src/share-images/fonts.ts';
import { projectRoot } from '../../support/project.ts';

describe('isCardFontFile()', () => {
  it('keeps WOFF files of the weights the cards draw, and nothing else', () => {
    expect(isCardFontFile('noto-sans-kr-[12]-700-normal.woff', [400, 700])).toBe(true);
    expect(isCardFontFile('noto-sans-kr-12-400-normal.woff', [400, 700])).toBe(true);
    expect(isCardFontFile('noto-sans-kr-12-400-normal.woff2', [400, 700])).toBe(false);
    expect(isCardFontFile('noto-sans-kr-12-300-normal.woff', [400, 700])).toBe(false);
    expect(isCardFontFile('noto-serif-latin-700-italic.woff', [700])).toBe(false);
    expect(isCardFontFile('noto-serif-latin-400-normal.woff', [700])).toBe(false);
  });
});

describe('the installed font packages', () => {
  it('hold every subset in every weight the cards draw, and none of the files they never read', async () => {
    for (const { pkg, weights } of cardFontPackages()) {
      const dir = path.join(projectRoot, 'node_modules', ...pkg.split('/'));
      const prefix = pkg.replace('@fontsource/', '');
      const subsets = Object.keys(JSON.parse(readFileSync(path.join(dir, 'unicode.json'), 'utf8')) as object);
      for (const subset of subsets) {
        for (const weight of weights) {
          const file = `${prefix}-${subset.replace(/[[\]]/g, '')}-${weight}-normal.woff`;
          expect(existsSync(path.join(dir, 'files', file)), `${pkg}: ${file}`).toBe(true);
        }
      }
      expect(
        (await readdir(path.join(dir, 'files'))).filter((file) => !isCardFontFile(file, weights)),
        pkg,
      ).toEqual([]);
    }
  });
});
