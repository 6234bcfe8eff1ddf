import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  cssImports,
  fontFaces,
  gzipSize,
  jsImports,
  pageReferences,
  type FontFace,
  type PageReferences,
  type PageWeight,
} from './budgets.ts';

export interface MeasuredPage {
  weight: PageWeight;
  references: PageReferences;
  faces: FontFace[];
}

/** How a script comes to be loaded: before the page reads (blocking), with the page, or on use (dynamic import). */
type ScriptLoad = 'blocking' | 'enhancement' | 'on-use';

/**
 * Reads a built page and everything it loads before first paint (stylesheets with their
 * @imports and fonts, scripts with their static imports) from the output folder, and weighs it;
 * what its scripts import dynamically is weighed apart (jsOnUse), after everything else.
 * `urlPath` is the page's address as served, base path included ("/news/articles/x/").
 */
export async function measurePage(siteDir: string, urlPath: string, base = '/'): Promise<MeasuredPage> {
  if (!urlPath.startsWith(base)) throw new Error(`${urlPath} is not under the base path ${base}`);
  const inSite = urlPath.slice(base.length);
  const htmlFile = path.join(siteDir, inSite, urlPath.endsWith('/') ? 'index.html' : '');
  const html = await readFile(htmlFile, 'utf8');
  const references = pageReferences(html);
  const pageUrl = new URL(urlPath, 'http://site.invalid');

  /** Maps a URL found in the page (or in a file at `from`) onto a file in the output. */
  const fileOf = (reference: string, from: URL): { url: URL; file: string } | undefined => {
    const url = new URL(reference, from);
    if (url.origin !== 'http://site.invalid') return undefined; // third-party: not ours to weigh
    if (!url.pathname.startsWith(base)) throw new Error(`${urlPath} loads ${reference}, outside the base path ${base}`);
    return { url, file: path.join(siteDir, decodeURIComponent(url.pathname.slice(base.length))) };
  };
  const read = async (file: string, reference: string): Promise<Buffer> => {
    try {
      return await readFile(file);
    } catch {
      throw new Error(`${urlPath} loads ${reference}, which is not in the build output (${file})`);
    }
  };

  const seen = new Set<string>();
  const weight: PageWeight = {
    page: urlPath,
    html: gzipSize(html),
    css: 0,
    fonts: 0,
    fontsAfterFirstPaint: 0,
    js: 0,
    renderBlockingJs: 0,
    jsOnUse: 0,
    fontFiles: [],
  };
  const faces: FontFace[] = [];
  const preloaded = new Set(references.fontPreloads.map((href) => new URL(href, pageUrl).pathname));
  /**
   * A font is on the first paint's path when the page preloads it, or when its font-display makes text
   * wait for it. A `swap` (or `optional`) face that is not preloaded is fetched only once text using it is
   * laid out, and the page has painted in the fallback by then.
   */
  const blocksFirstPaint = (face: FontFace, url: URL) =>
    preloaded.has(url.pathname) || !['swap', 'optional'].includes(face.display ?? '');

  const addFonts = async (css: string, from: URL) => {
    const found = fontFaces(css);
    faces.push(...found);
    for (const face of found) {
      const first = face.urls[0];
      const target = first ? fileOf(first, from) : undefined;
      if (!target || seen.has(target.file)) continue;
      seen.add(target.file);
      const bytes = (await read(target.file, first!)).length;
      if (blocksFirstPaint(face, target.url)) weight.fonts += bytes;
      else weight.fontsAfterFirstPaint += bytes;
      weight.fontFiles.push({ url: target.url.pathname, bytes });
    }
  };
  const addStylesheet = async (reference: string, from: URL) => {
    const target = fileOf(reference, from);
    if (!target || seen.has(target.file)) return;
    seen.add(target.file);
    const css = (await read(target.file, reference)).toString('utf8');
    weight.css += gzipSize(css);
    for (const imported of cssImports(css)) await addStylesheet(imported, target.url);
    await addFonts(css, target.url);
  };
  /** Dynamic imports, weighed once every script of the first paint is (a chunk loaded by both counts there). */
  const onUse: { reference: string; from: URL }[] = [];
  const inlineOnUse: string[] = [];
  const addImports = async (js: string, from: URL, load: ScriptLoad) => {
    const imports = jsImports(js);
    for (const imported of imports.static) await addScript(imported, from, load);
    onUse.push(...imports.dynamic.map((reference) => ({ reference, from })));
  };
  const addScript = async (reference: string, from: URL, load: ScriptLoad) => {
    const target = fileOf(reference, from);
    if (!target || seen.has(target.file)) return;
    seen.add(target.file);
    const js = (await read(target.file, reference)).toString('utf8');
    const size = gzipSize(js);
    if (load === 'on-use') weight.jsOnUse += size;
    else weight.js += size;
    if (load === 'blocking') weight.renderBlockingJs += size;
    await addImports(js, target.url, load);
  };

  for (const inline of references.inlineStyles) await addFonts(inline, pageUrl);
  for (const href of references.stylesheets) await addStylesheet(href, pageUrl);
  for (const script of references.scripts) {
    if (script.role === 'data') continue;
    if (script.role === 'on-use') {
      if (script.src) onUse.push({ reference: script.src, from: pageUrl });
      else inlineOnUse.push(script.inline);
      continue;
    }
    const load = script.role === 'render-blocking' ? 'blocking' : 'enhancement';
    if (script.src) await addScript(script.src, pageUrl, load);
    else {
      const size = gzipSize(script.inline);
      weight.js += size;
      if (load === 'blocking') weight.renderBlockingJs += size;
      await addImports(script.inline, pageUrl, load);
    }
  }
  for (const inline of inlineOnUse) {
    weight.jsOnUse += gzipSize(inline);
    await addImports(inline, pageUrl, 'on-use');
  }
  for (let next = onUse.shift(); next; next = onUse.shift()) await addScript(next.reference, next.from, 'on-use');
  return { weight, references, faces };
}
