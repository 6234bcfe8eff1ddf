// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import remarkGfm from 'remark-gfm';
import { rehypeTableScroll } from './src/markdown/rehype-table-scroll.ts';
import { rehypeTableAlign } from './src/markdown/rehype-table-align.ts';
import { astroCsp } from './src/deploy/csp.ts';
import { commentsOrigin } from './src/deploy/comments-endpoint.ts';
import { deployFiles } from './src/deploy/integration.ts';
import sitemap from '@astrojs/sitemap';
import { rehypeHeadingAnchors } from './src/markdown/rehype-heading-anchors.ts';
import { sharing } from './src/sharing/integration.ts';
import { sitemapFilter } from './src/sharing/sitemap-filter.ts';
import { commentsEnvSchema } from './src/comments/env-schema.ts';

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  throw new Error(
    `This site needs Node.js 22.12 or newer (24 LTS recommended); you are running ${process.version}. See .nvmrc.`,
  );
}

/** Normalises BASE_PATH so that "news", "/news" and "/news/" all mean "/news/". */
function basePath(value = '/') {
  const trimmed = value.trim().replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

export default defineConfig({
  site: process.env.SITE_URL ?? 'http://localhost:4321',
  base: basePath(process.env.BASE_PATH),
  trailingSlash: 'always',
  outDir: process.env.OUT_DIR ?? './dist',
  // Separate caches let tests and the benchmark build other content folders side by side.
  cacheDir: process.env.ASTRO_CACHE_DIR ?? './node_modules/.astro',
  build: {
    format: 'directory',
  },
  // Hashes for inline scripts and styles in a <meta> CSP on every page; src/deploy/ adds the same policy as a header.
  security: {
    csp: astroCsp({ commentsOrigin: commentsOrigin() }),
  },
  markdown: {
    // Shiki colours code with inline styles, which the CSP forbids; news articles rarely carry code.
    syntaxHighlight: false,
    processor: unified({
      remarkPlugins: [remarkGfm],
      rehypePlugins: [rehypeTableScroll, rehypeTableAlign, rehypeHeadingAnchors],
    }),
  },
  integrations: [mdx(), sitemap({ filter: sitemapFilter }), sharing(), deployFiles()],
  env: { schema: { ...commentsEnvSchema } },
});
