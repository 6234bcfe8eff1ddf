import { defineCollection, reference } from 'astro:content';
import { glob } from 'astro/loaders';
import { articleLoader } from './article-content/loader.ts';
import { articleSchema, authorSchema } from './articles/schema.ts';
import { buildSettings } from './build-settings.ts';
import { bodyComponents } from './cms/entry-check.ts';
import { commentsCollection } from './comments/collection.ts';
import { pageSchema } from './site-pages/schema.ts';

const { contentDir } = buildSettings;

// Compiled once at content sync and rendered from the cache folder, never bundled (src/article-content/).
const articles = defineCollection({
  loader: articleLoader({ base: `${contentDir}/articles`, components: bodyComponents }),
  schema: ({ image }) => articleSchema({ image, author: reference('authors') }),
});

const authors = defineCollection({
  loader: glob({ pattern: '**/*.{yaml,yml,json}', base: `${contentDir}/authors` }),
  schema: ({ image }) => authorSchema({ image }),
});

const pages = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: `${contentDir}/pages` }),
  schema: pageSchema,
});

export const collections = { articles, authors, pages, comments: commentsCollection(buildSettings) };
