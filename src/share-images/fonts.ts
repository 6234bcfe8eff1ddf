import { readFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SatoriOptions } from 'satori';
import { fontSubsets, sansFamily, serifFamily, subsetFontName } from './card.ts';
import { scriptFonts, scriptFontsFor, type ScriptFont } from './scripts.ts';
import { parseUnicodeRange, subsetsFor, type Ranges } from './subsets.ts';
import { woffToSfnt } from './woff.ts';

type FontOptions = SatoriOptions['fonts'][number];

const faces = [
  { family: serifFamily, pkg: '@fontsource/noto-serif', file: 'noto-serif', weights: [700] },
  { family: sansFamily, pkg: '@fontsource/noto-sans', file: 'noto-sans', weights: [400, 700] },
] as const;

/** Weights the cards draw script fonts in. */
const scriptWeights = [400, 700] as const;

/** Every font package the cards read, with the weights they read from it (WOFF files only). */
export function cardFontPackages(): { pkg: string; weights: readonly number[] }[] {
  return [
    ...faces.map(({ pkg, weights }) => ({ pkg, weights })),
    ...scriptFonts.map(({ pkg }) => ({ pkg, weights: scriptWeights })),
  ];
}

const packageDir = (root: string, pkg: string) => path.join(root, 'node_modules', ...pkg.split('/'));

const packageVersion = (root: string, pkg: string) =>
  `${pkg}@${(JSON.parse(readFileSync(path.join(packageDir(root, pkg), 'package.json'), 'utf8')) as { version: string }).version}`;

/** Versions of the font packages, part of the cache key: new fonts redraw every card. */
export function fontVersions(root: string): string {
  return faces.map(({ pkg }) => packageVersion(root, pkg)).join(',');
}

/** Versions of the script fonts a text needs (part of its card's cache key; empty for Latin text, whose key is unchanged). */
export function scriptFontVersions(root: string, text: string): string {
  return scriptFontsFor(text)
    .map(({ pkg }) => packageVersion(root, pkg))
    .join(',');
}

let ranges: Record<string, Ranges> | undefined;

/** The unicode ranges of the subsets the card can use, from Fontsource's unicode.json. */
function subsetRanges(root: string): Record<string, Ranges> {
  if (!ranges) {
    const all = JSON.parse(readFileSync(path.join(packageDir(root, faces[0].pkg), 'unicode.json'), 'utf8')) as Record<
      string,
      string
    >;
    ranges = Object.fromEntries(
      fontSubsets.filter((subset) => all[subset]).map((subset) => [subset, parseUnicodeRange(all[subset] ?? '')]),
    );
  }
  return ranges;
}

const loaded = new Map<string, Promise<FontOptions[]>>();

/** Subsets the base families (Noto Serif, Noto Sans) already cover, or that hold symbols only. */
const baseSubsets = new Set<string>([...fontSubsets, 'math', 'symbols']);
const packageRanges = new Map<string, Record<string, Ranges>>();

/** The Fontsource subsets of a script font that hold a character of `text` ("myanmar"; "[12]" for the numbered CJK slices). */
export function scriptSubsets(root: string, font: ScriptFont, text: string): string[] {
  let ranges = packageRanges.get(font.pkg);
  if (!ranges) {
    const all = JSON.parse(readFileSync(path.join(packageDir(root, font.pkg), 'unicode.json'), 'utf8')) as Record<
      string,
      string
    >;
    ranges = Object.fromEntries(
      Object.entries(all)
        .filter(([subset]) => !baseSubsets.has(subset))
        .map(([subset, value]) => [subset, parseUnicodeRange(value)]),
    );
    packageRanges.set(font.pkg, ranges);
  }
  return subsetsFor(text, ranges, '');
}

/** The WOFF file of one subset and weight of a script font. */
export function scriptFontFile(root: string, font: ScriptFont, subset: string, weight: number): string {
  const file = font.pkg.replace('@fontsource/', '');
  return path.join(
    packageDir(root, font.pkg),
    'files',
    `${file}-${subset.replace(/[[\]]/g, '')}-${weight}-normal.woff`,
  );
}

async function readFont(fontFile: string, pkg: string): Promise<Buffer> {
  return readFile(fontFile).catch((error: unknown) => {
    throw new Error(`Share image font missing: ${fontFile} (is ${pkg} installed?)`, { cause: error });
  });
}

/** The satori-drawn script fonts `text` needs (see scripts.ts); satori falls back to them for characters the card's families lack. */
function satoriScriptFonts(root: string, text: string): Promise<FontOptions>[] {
  return scriptFontsFor(text)
    .filter((font) => font.renderer === 'satori')
    .flatMap((font) =>
      scriptSubsets(root, font, text).flatMap((subset) =>
        scriptWeights.map(async (weight) => ({
          name: `${font.family} ${subset}`,
          data: await readFont(scriptFontFile(root, font, subset, weight), font.pkg),
          weight,
          style: 'normal' as const,
        })),
      ),
    );
}

const unpacked = new Map<string, Promise<string>>();

/**
 * The font files Pango needs for `text`, unpacked to .ttf (fontconfig cannot read WOFF) under
 * node_modules/.cache: the Pango-drawn scripts it uses, and Noto Sans and Noto Serif for the
 * Latin words around them.
 */
export function pangoFontFiles(root: string, text: string): Promise<string[]> {
  const woffs: { file: string; pkg: string }[] = [];
  for (const font of scriptFontsFor(text).filter((candidate) => candidate.renderer === 'pango')) {
    for (const subset of scriptSubsets(root, font, text)) {
      for (const weight of scriptWeights)
        woffs.push({ file: scriptFontFile(root, font, subset, weight), pkg: font.pkg });
    }
  }
  for (const { pkg, file, weights } of faces) {
    for (const weight of weights) {
      for (const subset of ['latin', 'latin-ext'])
        woffs.push({ file: path.join(packageDir(root, pkg), 'files', `${file}-${subset}-${weight}-normal.woff`), pkg });
    }
  }
  const dir = path.join(root, 'node_modules', '.cache', 'meridian-share-fonts');
  return Promise.all(
    woffs.map(({ file, pkg }) => {
      let ttf = unpacked.get(file);
      if (!ttf) {
        ttf = (async () => {
          const target = path.join(
            dir,
            `${packageVersion(root, pkg).replace(/[@/]/g, '_')}-${path.basename(file, '.woff')}.ttf`,
          );
          await mkdir(dir, { recursive: true });
          const partial = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.partial`;
          await writeFile(partial, woffToSfnt(await readFont(file, pkg)));
          await rename(partial, target);
          return target;
        })();
        unpacked.set(file, ttf);
      }
      return ttf;
    }),
  );
}

/**
 * The fonts a card with this text needs, read from the Fontsource packages in node_modules
 * (WOFF: satori cannot read WOFF2); nothing is fetched. The same set of subsets gives the
 * same array, which satori parses only once.
 */
export function fontsFor(root: string, text: string): Promise<FontOptions[]> {
  const subsets = subsetsFor(text, subsetRanges(root));
  const scripts = scriptFontsFor(text).filter((font) => font.renderer === 'satori');
  const key = [
    ...subsets,
    ...scripts.flatMap((font) => scriptSubsets(root, font, text).map((subset) => `${font.family} ${subset}`)),
  ].join(',');
  let fonts = loaded.get(key);
  if (!fonts) {
    const base = faces.flatMap(({ family, pkg, file, weights }) =>
      weights.flatMap((weight) =>
        subsets.map(async (subset): Promise<FontOptions> => {
          const data = await readFont(
            path.join(packageDir(root, pkg), 'files', `${file}-${subset}-${weight}-normal.woff`),
            pkg,
          );
          return { name: subsetFontName(family, subset), data, weight, style: 'normal' };
        }),
      ),
    );
    fonts = Promise.all([...base, ...satoriScriptFonts(root, text)]);
    loaded.set(key, fonts);
  }
  return fonts;
}
