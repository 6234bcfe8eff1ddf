import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { fallbackFaces, overrides } from '../../../tools/fonts/fallback-faces.ts';

const squash = (css: string) => css.replace(/\s+/g, ' ').trim();

it('fonts.css holds the fallback faces computed from the font files (npm run fonts:fallbacks)', async () => {
  const css = await readFile(new URL('../../../src/styles/fonts.css', import.meta.url), 'utf8');
  const generated = /\/\* fallback faces: generated, do not edit \*\/([\s\S]*)\/\* end of fallback faces \*\//.exec(
    css,
  );
  expect(generated, 'the generated block in fonts.css').not.toBeNull();
  expect(squash(generated![1]!)).toBe(squash(await fallbackFaces()));
});

it('scales a fallback to the web font’s average width and sets the web font’s vertical metrics', () => {
  const web = { ascent: 800, descent: -200, lineGap: 0, unitsPerEm: 1000, xWidthAvg: 500 };
  expect(overrides(web, { ascent: 900, descent: -300, lineGap: 100, unitsPerEm: 2000, xWidthAvg: 800 })).toEqual({
    'size-adjust': '125%',
    'ascent-override': '64%',
    'descent-override': '16%',
    'line-gap-override': '0%',
  });
});
