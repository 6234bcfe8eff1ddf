import { defineCollection, reference } from 'astro:content';
import { glob } from 'astro/loaders';
import { articleSchema, authorSchema } from './articles/schema.ts';
import { buildSettings } from './build-settings.ts';
import { commentsCollection } from './comments/collection.ts';
import { pageSchema } from './site-pages/schema.ts';

const { contentDir } = buildSettings;

const articles = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: `${contentDir}/articles` }),
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
