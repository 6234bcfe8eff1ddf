/**
 * Compiles one article's MDX to the body of a function (`outputFormat: 'function-body'`), with
 * the Markdown pipeline configured in astro.config.mjs (`markdown.processor`) and the steps
 * @astrojs/mdx adds around it that change the HTML (GitHub-flavoured Markdown, heading ids),
 * so the page renders what Astro's own MDX handling rendered. What the page needs besides the
 * code is read from the compile: headings, the embeds' providers, the local images and files.
 */
import path from 'node:path';
import { createProcessor, nodeTypes, type ProcessorOptions } from '@mdx-js/mdx';
import { rehypeHeadingIds, remarkCollectImages } from '@astrojs/markdown-remark';
import rehypeRaw from 'rehype-raw';
import remarkGfm from 'remark-gfm';
import type { Root as HastRoot } from 'hast';
import type { PluggableList } from 'unified';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { remarkKnownComponents } from '../markdown/remark-known-components.ts';
import { remarkMediaComponents } from '../markdown/remark-media-components.ts';
import type { CompiledBody, Heading } from './compiled-body.ts';
import { rehypeImagesFromProps } from './rehype-images-from-props.ts';

/** The unified processor's options as `unified({...})` from @astrojs/markdown-remark keeps them. */
export interface PipelineOptions {
  remarkPlugins?: PluggableList;
  rehypePlugins?: PluggableList;
  remarkRehype?: Record<string, unknown>;
  recmaPlugins?: PluggableList;
  gfm?: boolean;
  smartypants?: unknown;
}

export interface CompiledArticle extends Pick<CompiledBody, 'headings' | 'embeds' | 'media' | 'images'> {
  /** The function body; run it with a JSX runtime (@mdx-js/mdx `run`). */
  code: string;
  /** Local file paths (recordings, videos, captions, documents) as written in the file. */
  files: string[];
}

/** Keeps a code block's meta string as Astro's MDX pipeline does (rehype-meta-string, not exported by Astro). */
function rehypeMetaString() {
  return (tree: HastRoot) => {
    visit(tree, 'element', (node) => {
      const meta = (node.data as { meta?: string } | undefined)?.meta;
      if (node.tagName === 'code' && meta) node.properties.metastring = meta;
    });
  };
}

/**
 * The pipeline's remark plugins with media images read from props instead of imported. The
 * config's plugin is found by name: astro.config.mjs and this module may load it as two instances.
 */
function articleRemarkPlugins(plugins: PluggableList, components: readonly string[]): PluggableList {
  const isMedia = (plugin: unknown) => typeof plugin === 'function' && plugin.name === remarkMediaComponents.name;
  if (!plugins.some(isMedia)) throw new Error('markdown.processor has no remarkMediaComponents (astro.config.mjs)');
  const media = plugins.map((plugin) => (isMedia(plugin) ? [remarkMediaComponents, { images: 'props' }] : plugin));
  return [[remarkKnownComponents, { components }], ...media] as PluggableList;
}

/**
 * The compiler's error with the file, line and column in front, as `path:line:column: reason`
 * (an MDX syntax error carries them as fields; the project's plugins already write them).
 */
export function withPlace(error: unknown, filePath: string): Error {
  const where = path.relative(process.cwd(), filePath);
  const { line, column, reason } = error as { line?: number; column?: number; reason?: string };
  if (!(error instanceof Error) || error.message.startsWith(where) || line === undefined) return error as Error;
  const placed = new Error(`${where}:${line}:${column ?? 1}: ${reason ?? error.message}`, { cause: error });
  return placed;
}

/** An MDX compiler for articles; `components` are the names the page passes to the body. */
export function createArticleCompiler(options: PipelineOptions, components: readonly string[]) {
  if (options.smartypants !== undefined && options.smartypants !== false) {
    throw new Error(
      'Articles compiled at content sync need `smartypants: false` (remarkSmartPunctuation does its work)',
    );
  }
  const compileOptions: ProcessorOptions = {
    remarkPlugins: [
      ...(options.gfm === false ? [] : [remarkGfm]),
      ...articleRemarkPlugins(options.remarkPlugins ?? [], components),
      // Markdown pictures' local paths, for rehypeImagesFromProps (as @astrojs/mdx collects them).
      remarkCollectImages,
    ],
    // rehype-raw as @astrojs/mdx runs it: it also writes boolean attributes the way Astro's pages have them.
    rehypePlugins: [
      rehypeMetaString,
      [rehypeRaw, { passThrough: nodeTypes }],
      ...(options.rehypePlugins ?? []),
      rehypeImagesFromProps,
      rehypeHeadingIds,
    ],
    recmaPlugins: options.recmaPlugins ?? [],
    remarkRehypeOptions: options.remarkRehype,
    jsxImportSource: 'astro',
    format: 'mdx',
    mdExtensions: [],
    elementAttributeNameCase: 'html',
    outputFormat: 'function-body',
  };
  const processor = createProcessor(compileOptions);

  /** `source` is the whole file with its frontmatter blanked out (lines kept), so positions are the file's. */
  return async function compileArticle(source: string, filePath: string): Promise<CompiledArticle> {
    const file = new VFile({ value: source, path: filePath, data: { astro: { frontmatter: {} } } });
    const compiled = await processor.process(file).catch((error: unknown) => {
      throw withPlace(error, filePath);
    });
    const data = file.data as {
      astro?: { headings?: Heading[]; frontmatter?: { embeds?: string[]; media?: boolean } };
      mediaImages?: string[];
      mediaFiles?: string[];
    };
    return {
      code: String(compiled.value),
      headings: data.astro?.headings ?? [],
      embeds: data.astro?.frontmatter?.embeds ?? [],
      media: data.astro?.frontmatter?.media === true,
      images: data.mediaImages ?? [],
      files: data.mediaFiles ?? [],
    };
  };
}
