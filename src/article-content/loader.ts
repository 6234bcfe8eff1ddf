/**
 * The content loader for articles: Astro's `glob()` loader (file discovery, ids, digests that
 * skip unchanged files, the dev server's file watching) with each MDX file compiled once, at
 * content sync, instead of becoming a JavaScript module that the build bundles. The compiled
 * code goes to `<cacheDir>/mdx-code/`; the entry's data gets the frontmatter (validated by the
 * collection's schema, with its messages) and what the page needs besides the code: headings,
 * reading time, embeds, the images the body shows (resolved by the content layer, as
 * `image()` fields are) and the files it links (listed for src/article-content/media-files.ts).
 * An entry's digest covers the whole pipeline, so changing a plugin, the config or the lockfile
 * compiles every article again.
 */
import { existsSync } from 'node:fs';
import { readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import type { Loader, LoaderContext } from 'astro/loaders';
import { glob } from 'astro/loaders';
import { mdxPipelineDigest } from '../build-cache/mdx-cache.ts';
import { openingText } from '../articles/excerpt.ts';
import { readingMinutes } from '../articles/reading-time.ts';
import { siteConfig } from '../site.config.ts';
import { bodyRecordFile, codeFile, codeFolder, compiledBodyKey, type CompiledBody } from './compiled-body.ts';
import { createArticleCompiler, type PipelineOptions } from './mdx-compiler.ts';
import { mediaFilesListPath } from './media-files.ts';
import { writeAtomically } from '../utils/write-atomically.ts';

/** The prefix by which the content layer recognises an image path to resolve (IMAGE_IMPORT_PREFIX in Astro). */
const imageImportPrefix = '__ASTRO_IMAGE_';

export interface ArticleLoaderOptions {
  /** Folder of the .mdx files (relative to the project root, or absolute). */
  base: string;
  /** The components the page passes to the body; any other stops the compile. */
  components: readonly string[];
}

type EntryType = {
  getEntryInfo: (...args: never[]) => unknown;
  getRenderFunction?: unknown;
  contentModuleTypes?: string;
};
type GlobContext = LoaderContext & { entryTypes: Map<string, EntryType> };

/** This folder and the modules whose code decides what a compiled body holds, besides the Markdown pipeline. */
function loaderSources(root: string): string[] {
  const here = path.join(root, 'src', 'article-content');
  return [
    ...['compiled-body.ts', 'loader.ts', 'mdx-compiler.ts'].map((name) => path.join(here, name)),
    path.join(root, 'src', 'articles', 'reading-time.ts'),
    path.join(root, 'src', 'articles', 'excerpt.ts'),
    path.join(root, 'src', 'utils', 'text.ts'),
    path.join(root, 'src', 'site.config.ts'),
  ];
}

/** The record of a body compiled before with the same digest, if its code is still there. */
async function keptBody(cacheDir: string, code: string): Promise<CompiledBody | undefined> {
  if (!existsSync(codeFile(cacheDir, code))) return undefined;
  return readFile(bodyRecordFile(cacheDir, code), 'utf8')
    .then((text) => JSON.parse(text) as CompiledBody)
    .catch(() => undefined);
}

/** Removes compiled code no entry uses (articles deleted or edited since). */
async function pruneCode(cacheDir: string, used: Set<string>): Promise<void> {
  const folder = codeFolder(cacheDir);
  const names = await readdir(folder).catch(() => [] as string[]);
  await Promise.all(
    names.filter((name) => !used.has(name)).map((name) => rm(path.join(folder, name), { force: true })),
  );
}

export function articleLoader(options: ArticleLoaderOptions): Loader {
  const globLoader = glob({ pattern: '**/*.mdx', base: options.base, retainBody: false });
  return {
    name: 'meridian:article-loader',
    load: async (context) => {
      const { config, store, logger, entryTypes: contextEntryTypes } = context as GlobContext;
      const root = fileURLToPath(config.root);
      const cacheDir = fileURLToPath(config.cacheDir);
      const pipeline = await mdxPipelineDigest(config, loaderSources(root));
      const processor = (config.markdown as { processor?: { options?: PipelineOptions } }).processor;
      const compile = createArticleCompiler(processor?.options ?? {}, options.components);
      let compiled = 0;

      // An entry whose code file is gone (a cache folder copied without it) is loaded again.
      for (const entry of store.values()) {
        const body = (entry.data as Record<string, unknown>)[compiledBodyKey] as CompiledBody | undefined;
        if (!body || !existsSync(codeFile(cacheDir, body.code))) store.delete(entry.id);
      }

      async function compileEntry(filePath: string): Promise<CompiledBody> {
        const text = await readFile(filePath, 'utf8');
        const { content } = parseFrontmatter(text, { frontmatter: 'empty-with-spaces' });
        // What glob() would keep as the entry's body, which is not kept (the content store stays small).
        const body = parseFrontmatter(text).content.trim();
        const code = createHash('sha256')
          .update(`${pipeline}\0${path.relative(root, filePath)}\0${text}`)
          .digest('hex')
          .slice(0, 32);
        const kept = await keptBody(cacheDir, code);
        if (kept) return kept;
        const article = await compile(content, filePath);
        await writeAtomically(codeFile(cacheDir, code), article.code);
        compiled += 1;
        const compiledBody: CompiledBody = {
          code,
          headings: article.headings,
          embeds: article.embeds,
          media: article.media,
          images: article.images,
          mediaImages: Object.fromEntries(article.images.map((image) => [image, `${imageImportPrefix}${image}`])),
          mediaFiles: Object.fromEntries(
            article.files.map((file) => [file, path.relative(root, path.resolve(path.dirname(filePath), file))]),
          ),
          readingMinutes: readingMinutes(body, siteConfig.wordsPerMinute),
          opening: openingText(body),
        };
        await writeAtomically(bodyRecordFile(cacheDir, code), JSON.stringify(compiledBody));
        return compiledBody;
      }

      const entryTypes = new Map(contextEntryTypes);
      const mdx = entryTypes.get('.mdx');
      if (!mdx) throw new Error('articleLoader needs the @astrojs/mdx integration (it reads the frontmatter)');
      // Only the frontmatter reader: without a render function or module types, glob() stores the entry as data.
      entryTypes.set('.mdx', { getEntryInfo: mdx.getEntryInfo });
      await globLoader.load({
        ...context,
        entryTypes,
        // The digest covers the pipeline, so a pipeline change loads (compiles) every file again.
        generateDigest: (data) =>
          context.generateDigest(typeof data === 'string' ? `${pipeline}\0${data}` : { pipeline, data }),
        parseData: async (props) => {
          const data = await context.parseData(props);
          if (!props.filePath) return data;
          return { ...data, [compiledBodyKey]: await compileEntry(props.filePath) };
        },
      } as GlobContext);

      const used = new Set<string>();
      const mediaFiles = new Set<string>();
      for (const entry of store.values()) {
        const body = (entry.data as Record<string, unknown>)[compiledBodyKey] as CompiledBody | undefined;
        if (body) used.add(`${body.code}.js`).add(`${body.code}.json`);
        for (const file of Object.values(body?.mediaFiles ?? {})) mediaFiles.add(file);
      }
      await pruneCode(cacheDir, used);
      await writeAtomically(mediaFilesListPath(cacheDir), JSON.stringify([...mediaFiles].sort()));
      logger.info(`${compiled} compiled, ${store.keys().length - compiled} unchanged`);
    },
  };
}
