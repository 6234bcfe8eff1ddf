import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroConfig, AstroIntegration } from 'astro';
import type { Plugin } from 'vite';
import { pipelineDigest } from './pipeline-digest.ts';
import { TransformCache, type StoredTransform } from './transform-cache.ts';

/** The name @astrojs/mdx gives the Vite plugin that compiles .mdx files. */
const mdxCompilerName = '@mdx-js/rolldown';
const wrapped = Symbol.for('meridian.build-cache.mdx-wrapped');

type TransformHandler = (
  this: unknown,
  code: string,
  id: string,
  ...rest: unknown[]
) => Promise<StoredTransform | null | undefined>;
type HookObject = { handler: TransformHandler; [wrapped]?: true };

/**
 * Everything the MDX output depends on besides the file: tool versions, config, local plugins,
 * Markdown options, paths, and `extraFiles` (the code of whoever compiles).
 */
export async function mdxPipelineDigest(config: AstroConfig, extraFiles: string[] = []): Promise<string> {
  const root = fileURLToPath(config.root);
  const markdownDir = path.join(root, 'src', 'markdown');
  const localPlugins = (await readdir(markdownDir).catch(() => [] as string[])).map((name) =>
    path.join(markdownDir, name),
  );
  // remark-media-components checks media components with these.
  localPlugins.push(...['providers.ts', 'media-checks.ts'].map((name) => path.join(root, 'src', 'embeds', name)));
  const files = [
    path.join(root, 'package-lock.json'),
    path.join(root, 'astro.config.mjs'),
    ...localPlugins,
    ...extraFiles,
  ];
  return pipelineDigest(files, {
    markdown: config.markdown,
    srcDir: config.srcDir.href,
    root: config.root.href,
    node: process.version,
  });
}

/** Wraps the MDX compiler's transform so a file compiled by an earlier build with the same pipeline is read back instead. */
function cacheTransform(plugin: Plugin, cache: TransformCache): void {
  const hook = plugin.transform as unknown as HookObject | undefined;
  if (!hook || typeof hook.handler !== 'function' || hook[wrapped]) return;
  const compile = hook.handler;
  hook.handler = async function (code, id, ...rest) {
    const stored = await cache.get(id, code);
    if (stored) return stored;
    const result = await compile.call(this, code, id, ...rest);
    if (result) await cache.set(id, code, result);
    return result;
  };
  hook[wrapped] = true;
}

/**
 * Compiles each MDX file once: a persistent cache of the MDX compiler's output in the cache
 * folder, keyed by the file's path and content and by the digest of the whole Markdown/MDX
 * pipeline, so an unchanged article is not compiled again by the next build. Bundling, which
 * follows, still sees every module.
 */
export function mdxTransformCache(): AstroIntegration {
  let cache: TransformCache | undefined;
  let digest: Promise<string> | undefined;
  return {
    name: 'meridian:mdx-transform-cache',
    hooks: {
      'astro:config:done': ({ config }) => {
        digest = mdxPipelineDigest(config);
        const root = path.join(fileURLToPath(config.cacheDir), 'mdx-transforms');
        void digest.then((value) => (cache = new TransformCache(root, value)));
      },
      'astro:build:setup': async ({ vite }) => {
        await digest;
        const plugins = (vite.plugins ?? []).flat(Infinity as 1) as Plugin[];
        const compiler = plugins.find(
          (plugin) => plugin && typeof plugin === 'object' && plugin.name === mdxCompilerName,
        );
        if (compiler && cache) cacheTransform(compiler, cache);
      },
      'astro:build:done': async ({ logger }) => {
        if (!cache) return;
        await cache.prune();
        logger.info(`MDX: ${cache.misses} compiled, ${cache.hits} from the cache`);
      },
    },
  };
}
