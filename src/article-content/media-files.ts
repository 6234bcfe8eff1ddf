/**
 * The URLs of the files articles link (`<Audio>`, `<Video>`, `<Download>`: recordings, videos,
 * captions, documents). An article compiled at content sync cannot import them, so the article
 * loader lists them (`<cacheDir>/article-media-files.json`, paths relative to the project root)
 * and this Vite plugin serves `virtual:meridian/article-media-files`, whose `mediaFileUrl(file)`
 * gives a file's URL: in a build, from an import of each listed file with `?url&no-inline` (Vite
 * emits it as an asset of its own with a hashed name, as for standing pages compiled by
 * @astrojs/mdx); under `astro dev`, from the same import made when the page asks, so files
 * added while the server runs need no list.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { searchForWorkspaceRoot, type Plugin } from 'vite';

const moduleId = 'virtual:meridian/article-media-files';
const resolvedId = `\0${moduleId}`;

/** Where the article loader writes the list of files the articles link. */
export const mediaFilesListPath = (cacheDir: string) => path.join(cacheDir, 'article-media-files.json');

const urlImport = (file: string) => JSON.stringify(`${file}?url&no-inline`);

/** The module of a build: every listed file imported as a URL. */
function buildModule(root: string, files: readonly string[]): string {
  const imports = files.map((file, index) => `import file${index} from ${urlImport(path.resolve(root, file))};`);
  const entries = files.map((file, index) => `  ${JSON.stringify(file)}: file${index},`);
  return [
    ...imports,
    `const urls = {\n${entries.join('\n')}\n};`,
    'export async function mediaFileUrl(file) {',
    '  if (!(file in urls)) throw new Error(`${file}: not in the list of article media files; run the build again`);',
    '  return urls[file];',
    '}',
  ].join('\n');
}

/** The module of the dev server: the file imported when asked for. */
function devModule(root: string): string {
  return [
    "import path from 'node:path';",
    `const root = ${JSON.stringify(root)};`,
    'export async function mediaFileUrl(file) {',
    '  return (await import(/* @vite-ignore */ `${path.resolve(root, file)}?url&no-inline`)).default;',
    '}',
  ].join('\n');
}

async function listedFiles(listPath: string): Promise<string[]> {
  const text = await readFile(listPath, 'utf8').catch(() => '[]');
  return JSON.parse(text) as string[];
}

/** The Vite plugin; `cacheDir` and `contentDir` are the build's (relative to the project root, or absolute). */
export function articleMediaFiles({ cacheDir, contentDir }: { cacheDir: string; contentDir: string }): Plugin {
  let root = process.cwd();
  let building = false;
  return {
    name: 'meridian:article-media-files',
    // The dev server serves the files from the content folder, which may be outside the project.
    config: (config) => {
      const projectRoot = path.resolve(config.root ?? process.cwd());
      return {
        server: { fs: { allow: [searchForWorkspaceRoot(projectRoot), path.resolve(projectRoot, contentDir)] } },
      };
    },
    configResolved(config) {
      root = config.root;
      building = config.command === 'build';
    },
    resolveId: (id) => (id === moduleId ? resolvedId : undefined),
    async load(id) {
      if (id !== resolvedId) return undefined;
      if (!building) return devModule(root);
      return buildModule(root, await listedFiles(mediaFilesListPath(path.resolve(root, cacheDir))));
    },
  };
}
