/**
 * An article's body as a component the page renders: the code the article loader compiled at
 * content sync, run with Astro's JSX runtime and tagged as an MDX component, as @astrojs/mdx tags
 * the modules it compiles, so `<Content components={bodyComponents} />` renders the same HTML.
 * The page passes the real components, so their scoped styles, scripts and images work as before;
 * the body gets its images (`mediaImages`) and the URLs of the files it links (`mediaFiles`) as props.
 */
import { readFile } from 'node:fs/promises';
import { run } from '@mdx-js/mdx';
import * as runtime from 'astro/jsx-runtime';
import * as server from 'astro/runtime/server/index.js';
import type { AstroComponentFactory } from 'astro/runtime/server/index.js';
import { Image } from 'astro:assets';
import { mediaFileUrl } from 'virtual:meridian/article-media-files';
import { codeFile, compiledBodyOf, imageElementName, type CompiledBody } from './compiled-body.ts';

type Props = { components?: Record<string, unknown>; [prop: string]: unknown };
type MdxContent = (props: Props) => unknown;

/** Marks a component for the renderer that draws it (`astro:jsx` for MDX); not in Astro's published types. */
const tagComponent = (server as unknown as { __astro_tag_component__: (component: unknown, renderer: string) => void })
  .__astro_tag_component__;

export interface BodyContent {
  Content: AstroComponentFactory;
  body: CompiledBody;
}

/** The article's compiled body, ready to render; `cacheDir` is the build's (where the loader wrote the code). */
export async function bodyContent(
  entry: { id: string; filePath?: string; data: object },
  cacheDir: string,
): Promise<BodyContent> {
  const body = compiledBodyOf(entry);
  const file = codeFile(cacheDir, body.code);
  const code = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new Error(
      `${entry.filePath ?? entry.id}: its compiled body ${file} is missing (${error.code}); run the build again`,
    );
  });
  const { default: MDXContent } = (await run(code, runtime)) as unknown as {
    default: MdxContent;
  };
  const mediaFiles = Object.fromEntries(
    await Promise.all(
      Object.entries(body.mediaFiles ?? {}).map(async ([written, file]) => [written, await mediaFileUrl(file)]),
    ),
  );
  const Content: MdxContent = (props = {}) =>
    MDXContent({
      ...props,
      mediaImages: body.mediaImages ?? {},
      mediaFiles,
      // Markdown pictures are drawn by astro:assets' <Image> (or the page's img), as @astrojs/mdx draws them.
      components: {
        Fragment: runtime.Fragment,
        ...props.components,
        [imageElementName]: (props.components as { img?: unknown } | undefined)?.img ?? Image,
      },
    });
  Object.assign(Content, {
    [Symbol.for('mdx-component')]: true,
    [Symbol.for('astro.needsHeadRendering')]: true,
    moduleId: entry.filePath,
  });
  tagComponent(Content, 'astro:jsx');
  return { Content: Content as unknown as AstroComponentFactory, body };
}
