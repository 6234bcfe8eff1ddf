import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { commentDefaults, resolveSiteConfig } from './config.ts';
import { commentsLoader } from './loader.ts';
import { articleIdPattern, limits } from './protocol.ts';
import { safeWebsite } from './thread.ts';

/** The `comments` content collection: approved comments for build-time rendering. */
export function commentsCollection(contentDir: string) {
  const config = resolveSiteConfig({ provider: process.env.COMMENTS_PROVIDER, endpoint: process.env.COMMENTS_ENDPOINT });
  return defineCollection({
    loader: commentsLoader({
      dataDir: `${contentDir}/comments`,
      serviceUrl: config.provider === 'service' ? config.endpoint : null,
      timeoutMs: commentDefaults.loaderTimeoutSeconds * 1000,
    }),
    schema: z.object({
      id: z.string().min(1),
      article: z.string().regex(articleIdPattern),
      parent: z.string().nullable(),
      name: z.string().trim().min(1).max(limits.name),
      website: z.string().nullable().transform((value) => safeWebsite(value)),
      comment: z.string().trim().min(1).max(limits.comment),
      createdAt: z.coerce.date(),
    }),
  });
}
