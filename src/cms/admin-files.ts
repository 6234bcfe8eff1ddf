/**
 * The files of the admin folder: its page, the generated config.yml, Decap CMS's own bundle
 * (kept under node_modules/.cache by decap-bundle.ts, so nothing comes from a CDN), our setup script and the preview
 * styles. The same files are served by the dev server and written into the build.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { renderCmsConfig, type CmsConfigOptions } from './config.ts';
import { DECAP_BUNDLE, ensureDecapBundle, isDecapFile } from './decap-bundle.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.resolve(here, '../..');

export { DECAP_BUNDLE };

/** Decap's bundle and chunks: `decap-cms.js` and `<n>.decap-cms.js`. */
export async function decapFiles(): Promise<string[]> {
  const names = await readdir(await ensureDecapBundle(projectRoot));
  return names.filter(isDecapFile).sort();
}

/** The admin page: static, no inline script or style, every URL relative so it works under any base path. */
export function adminPage(siteTitle: string, lang: string): string {
  return `<!doctype html>
<html lang="${lang}">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="robots" content="noindex">
    <title>Newsroom · ${siteTitle.replace(/[<&]/g, '')}</title>
    <link rel="icon" href="../favicon.svg" type="image/svg+xml">
    <link href="config.yml" type="text/yaml" rel="cms-config-url">
  </head>
  <body>
    <script src="${DECAP_BUNDLE}"></script>
    <script src="cms-setup.js"></script>
  </body>
</html>
`;
}

/** The setup script (src/cms/browser/setup.ts) with the MDX compiler and the schema, for the browser. */
export async function setupScript(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(here, 'browser', 'setup.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

/**
 * Files under src/ whose scoped styles the preview needs: the article page's layout (spacing of
 * header, hero and text), its header, photos, galleries, embeds and pull quote.
 */
const previewComponents = [
  'pages/articles/[id].astro',
  'components/ArticleHeader.astro',
  'components/HeroImage.astro',
  'components/PhotoCaption.astro',
  'components/PullQuote.astro',
  'components/media/Figure.astro',
  'components/media/Gallery.astro',
  'components/media/EmbedPoster.astro',
];

/**
 * The site's base styles and those components' styles, so the preview looks like the published
 * article. Two adjustments: Astro's `:global(x)` is plain `x` outside Astro, and Decap wraps the
 * rendered body in a <div> of its own, so the prose rules for the column's children
 * (`.prose > * + *`, paragraph spacing) apply to that div's children.
 */
export async function previewStyles(): Promise<string> {
  const parts = [await readFile(path.join(projectRoot, 'src', 'styles', 'global.css'), 'utf8')];
  for (const component of previewComponents) {
    const source = await readFile(path.join(projectRoot, 'src', component), 'utf8');
    parts.push(`/* ${component} */`, ...[...source.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((match) => match[1]!));
  }
  return parts
    .join('\n')
    .replace(/:global\(([^()]*(?:\([^()]*\)[^()]*)*)\)/g, '$1')
    .replace(/\.prose((?:\.[\w-]+)*)\s*>/g, '.prose$1 > div >');
}

export interface AdminFileOptions {
  config: CmsConfigOptions;
  siteTitle: string;
  lang: string;
}

/** A file of the admin folder: its text, or where to copy it from. */
export type AdminFile = { text: string } | { copyFrom: string };

/** Every file of the admin folder by name. */
export async function adminFiles({ config, siteTitle, lang }: AdminFileOptions): Promise<Map<string, AdminFile>> {
  const files = new Map<string, AdminFile>([
    ['index.html', { text: adminPage(siteTitle, lang) }],
    ['config.yml', { text: renderCmsConfig(config) }],
    ['cms-setup.js', { text: await setupScript() }],
    ['preview.css', { text: await previewStyles() }],
  ]);
  const decap = await ensureDecapBundle(projectRoot);
  for (const name of await decapFiles()) files.set(name, { copyFrom: path.join(decap, name) });
  return files;
}
