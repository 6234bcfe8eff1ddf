import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SatoriOptions } from 'satori';
import { fontSubsets, sansFamily, serifFamily, subsetFontName } from './card.ts';
import { parseUnicodeRange, subsetsFor, type Ranges } from './subsets.ts';

type FontOptions = SatoriOptions['fonts'][number];

const faces = [
  { family: serifFamily, pkg: '@fontsource/noto-serif', file: 'noto-serif', weights: [700] },
  { family: sansFamily, pkg: '@fontsource/noto-sans', file: 'noto-sans', weights: [400, 700] },
] as const;

const packageDir = (root: string, pkg: string) => path.join(root, 'node_modules', ...pkg.split('/'));

/** Versions of the font packages, part of the cache key: new fonts redraw every card. */
export function fontVersions(root: string): string {
  return faces
    .map(({ pkg }) => {
      const { version } = JSON.parse(readFileSync(path.join(packageDir(root, pkg), 'package.json'), 'utf8')) as { version: string };
      return `${pkg}@${version}`;
    })
    .join(',');
}

let ranges: Record<string, Ranges> | undefined;

/** The unicode ranges of the subsets the card can use, from Fontsource's unicode.json. */
function subsetRanges(root: string): Record<string, Ranges> {
  if (!ranges) {
    const all = JSON.parse(readFileSync(path.join(packageDir(root, faces[0].pkg), 'unicode.json'), 'utf8')) as Record<string, string>;
    ranges = Object.fromEntries(
      fontSubsets.filter((subset) => all[subset]).map((subset) => [subset, parseUnicodeRange(all[subset] ?? '')]),
    );
  }
  return ranges;
}

const loaded = new Map<string, Promise<FontOptions[]>>();

/**
 * The fonts a card with this text needs, read from the Fontsource packages in node_modules
 * (WOFF: satori cannot read WOFF2); nothing is fetched. The same set of subsets gives the
 * same array, which satori parses only once.
 */
export function fontsFor(root: string, text: string): Promise<FontOptions[]> {
  const subsets = subsetsFor(text, subsetRanges(root));
  const key = subsets.join(',');
  let fonts = loaded.get(key);
  if (!fonts) {
    fonts = Promise.all(
      faces.flatMap(({ family, pkg, file, weights }) =>
        weights.flatMap((weight) =>
          subsets.map(async (subset) => {
            const fontFile = path.join(packageDir(root, pkg), 'files', `${file}-${subset}-${weight}-normal.woff`);
            const data = await readFile(fontFile).catch((error: unknown) => {
              throw new Error(`Share image font missing: ${fontFile} (is ${pkg} installed?)`, { cause: error });
            });
            return { name: subsetFontName(family, subset), data, weight, style: 'normal' } satisfies FontOptions;
          }),
        ),
      ),
    );
    loaded.set(key, fonts);
  }
  return fonts;
}
