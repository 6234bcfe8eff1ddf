/**
 * The share cards' fonts come from Fontsource packages, which ship every weight (100-900) in WOFF
 * and WOFF2: the Chinese, Japanese and Korean ones alone take 212 MB. The cards draw two weights
 * from WOFF files, so `npm install` (postinstall) removes the other files of these packages, which
 * nothing reads: 243 MB of fonts become about 30. Packages the cards do not use are not touched.
 */
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { cardFontPackages } from './fonts.ts';

/** Whether the cards can read this file of a font package (`noto-sans-kr-[12]-700-normal.woff`: yes). */
export function isCardFontFile(fileName: string, weights: readonly number[]): boolean {
  const match = /-(\d{3})-normal\.woff$/.exec(fileName);
  return match !== null && weights.includes(Number(match[1]));
}

/** Removes the files the cards never read from the font packages under `projectRoot`; returns the bytes freed. */
export async function pruneCardFontPackages(projectRoot: string): Promise<{ files: number }> {
  let removed = 0;
  for (const { pkg, weights } of cardFontPackages()) {
    const dir = path.join(projectRoot, 'node_modules', ...pkg.split('/'), 'files');
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names.filter((file) => !isCardFontFile(file, weights))) {
      await rm(path.join(dir, name), { force: true });
      removed += 1;
    }
  }
  return { files: removed };
}
