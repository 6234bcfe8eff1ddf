// @ts-check
import path from 'node:path';
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import sitemap from '@astrojs/sitemap';
import remarkGfm from 'remark-gfm';
import { articleMediaFiles } from './src/article-content/media-files.ts';
import { mdxTransformCache } from './src/build-cache/mdx-cache.ts';
import { clearOutputInBackground } from './src/build-cache/output-folder.ts';
import { bundlerLogFilter } from './src/build-log/bundler-warnings.ts';
import { buildSettings } from './src/build-settings.ts';
import { checkSiteConfig } from './src/site-config-schema.ts';
import { adminContentSecurityPolicy } from './src/cms/admin-csp.ts';
import { ADMIN_FOLDER } from './src/cms/admin-folder.ts';
import { cmsAdmin } from './src/cms/integration.ts';
import { commentProvider } from './src/comments/integration.ts';
import { astroCsp } from './src/deploy/csp.ts';
import { deployFiles } from './src/deploy/integration.ts';
import { rehypeCodeScroll } from './src/markdown/rehype-code-scroll.ts';
import { rehypeDropCap } from './src/markdown/rehype-drop-cap.ts';
import { rehypeHeadingAnchors } from './src/markdown/rehype-heading-anchors.ts';
import { remarkSmartPunctuation } from './src/markdown/remark-smart-punctuation.ts';
import { remarkMediaComponents } from './src/markdown/remark-media-components.ts';
import { rehypeTableAlign } from './src/markdown/rehype-table-align.ts';
import { rehypeTableScroll } from './src/markdown/rehype-table-scroll.ts';
import { searchIndex } from './src/search/integration.ts';
import { shareImages } from './src/share-images/integration.ts';
import { sitemapFilter } from './src/sitemaps/sitemap-filter.ts';
import { siteConfig } from './src/site.config.ts';

// The site's settings are checked before anything is built: one message names every bad field.
checkSiteConfig(siteConfig);

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  throw new Error(
    `This site needs Node.js 22.12 or newer (24 LTS recommended); you are running ${process.version}. See .nvmrc.`,
  );
}

const { siteUrl, basePath, outDir, cacheDir, contentDir, comments, cms, cloudflarePages } = buildSettings;
const cmsAuthUrl = cms.backend.authUrl;
const search = searchIndex(cacheDir);

export default defineConfig({
  site: siteUrl,
  base: basePath,
  trailingSlash: 'always',
  outDir,
  cacheDir,
  build: {
    format: 'directory',
    // Four pages at a time: a page restored from the incremental cache waits on a file copy, not the CPU, and a share
    // card on its drawing worker; one at a time left the main thread idle (about 1.5 s of publishing one at 1,000).
    concurrency: 4,
  },
  vite: {
    // Vite's pre-bundled dependencies beside Astro's cache, not in node_modules/.vite: one folder holds all a build reuses,
    // and two sites sharing node_modules (a benchmark's bare site, a test fixture) no longer throw out each other's.
    cacheDir: `${cacheDir.replace(/\/+$/, '')}/vite`,
    // The dev server does not watch the build cache: a cache folder inside the project (ASTRO_CACHE_DIR=.build-cache) had
    // it handle every compiled article the loader writes, which made a first start at 10,000 articles five times slower.
    server: { watch: { ignored: [`${path.resolve(cacheDir)}/**`] } },
    // The URLs of the files articles link (articles are compiled at content sync and cannot import them).
    plugins: [articleMediaFiles({ cacheDir, contentDir })],
    build: { rolldownOptions: { onLog: bundlerLogFilter() } },
  },
  experimental: {
    // Pages whose getStaticPaths() cacheKey and code are unchanged are copied from the previous build (kept in cacheDir).
    incrementalBuild: true,
  },
  // Hashes for inline scripts and styles in a <meta> CSP on every page; src/deploy/ adds the same policy as a header.
  security: {
    csp: astroCsp({ commentsOrigin: comments.origin }),
  },
  markdown: {
    // Shiki colours code with inline styles, which the CSP forbids; news articles rarely carry code.
    syntaxHighlight: false,
    processor: unified({
      // remarkSmartPunctuation gives remark-smartypants' output (Astro's default, turned off here) at a fraction of its cost.
      smartypants: false,
      // remarkMediaComponents: <Figure>/<YouTube>/<Embed> image paths become imports, mistakes stop the build, embeds are recorded for the CSP.
      remarkPlugins: [remarkSmartPunctuation, remarkGfm, remarkMediaComponents],
      rehypePlugins: [rehypeTableScroll, rehypeTableAlign, rehypeHeadingAnchors, rehypeCodeScroll, rehypeDropCap],
    }),
  },
  integrations: [
    mdx(),
    mdxTransformCache(),
    sitemap({ filter: sitemapFilter }),
    shareImages(),
    // Pagefind indexes in its own process while the steps up to search.finish run.
    search.start,
    commentProvider(comments.provider),
    deployFiles({
      base: basePath,
      site: siteUrl,
      contentDir,
      commentsOrigin: comments.origin,
      cloudflarePages,
      folderPolicies: [
        {
          folder: ADMIN_FOLDER,
          contentSecurityPolicy: adminContentSecurityPolicy({ authOrigin: cmsAuthUrl && new URL(cmsAuthUrl).origin }),
        },
      ],
    }),
    // After deployFiles: the admin page is the CMS's, not a site page to take a policy from.
    cmsAdmin({
      basePath,
      siteUrl,
      contentDir,
      siteTitle: siteConfig.title,
      lang: siteConfig.lang,
      timeZone: siteConfig.timeZone,
      cms,
    }),
    search.finish,
    // Last: the previous output, moved aside when the build started, is removed while it runs.
    clearOutputInBackground(),
  ],
});
