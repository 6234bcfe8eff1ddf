/**
 * The baseline of the build benchmark: a bare Astro + MDX + remark-gfm site that renders
 * the same articles with a minimal page each (no listings, tags, authors, images, feeds or
 * search). Comparing the full build with this one shows what the site's features cost.
 * Pure: returns the files by path; the benchmark writes them into a temporary folder and
 * links this project's node_modules beside them.
 */
export function bareSiteFiles(): Record<string, string> {
  return {
    'astro.config.mjs': `import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import remarkGfm from 'remark-gfm';

export default defineConfig({
  site: 'http://localhost:4321',
  outDir: process.env.OUT_DIR ?? './dist',
  cacheDir: process.env.ASTRO_CACHE_DIR ?? './node_modules/.astro',
  markdown: { processor: unified({ remarkPlugins: [remarkGfm] }) },
  integrations: [mdx()],
});
`,
    'src/content.config.ts': `import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

const articles = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: \`\${process.env.CONTENT_DIR}/articles\` }),
  schema: z.looseObject({ title: z.string() }),
});

export const collections = { articles };
`,
    'src/components/PullQuote.astro': `<blockquote><slot /></blockquote>\n`,
    'src/pages/[id].astro': `---
import { getCollection, render } from 'astro:content';
import PullQuote from '../../src/components/PullQuote.astro';

export async function getStaticPaths() {
  const articles = await getCollection('articles');
  return articles.map((article) => ({ params: { id: article.id }, props: { article } }));
}

const { article } = Astro.props;
const { Content } = await render(article);
---

<html lang="en">
  <head><meta charset="utf-8" /><title>{article.data.title}</title></head>
  <body><h1>{article.data.title}</h1><Content components={{ PullQuote }} /></body>
</html>
`,
  };
}
