/**
 * What `npm install` does after installing the packages: fetches Decap CMS's prebuilt bundle (the
 * admin's only part of Decap), and removes the font files the share cards never read from the
 * Fontsource packages. Both are done again when needed: a build fetches a missing bundle, and a
 * pruned package that npm reinstalls is pruned by the next install.
 */
import path from 'node:path';
import { decapRelease, ensureDecapBundle } from '../src/cms/decap-bundle.ts';
import { pruneCardFontPackages } from '../src/share-images/font-packages.ts';

const root = process.cwd();
const dir = await ensureDecapBundle(root);
console.log(`Decap CMS ${decapRelease.version} bundle (integrity checked) in ${path.relative(root, dir)}`);
const { files } = await pruneCardFontPackages(root);
if (files > 0) console.log(`Share-card fonts: removed ${files} font files the cards never read`);
