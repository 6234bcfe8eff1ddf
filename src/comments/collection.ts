import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import type { BuildSettings } from '../build-settings.ts';
import { commentsLoader } from './loader.ts';
import { articleIdPattern, characterCount, limits } from './protocol.ts';
import { safeWebsite } from './thread.ts';

/** The `comments` content collection: approved comments for build-time rendering. */
export function commentsCollection({ contentDir, comments }: Pick<BuildSettings, 'contentDir' | 'comments'>) {
  return defineCollection({
    loader: commentsLoader({
      dataDir: `${contentDir}/comments`,
      serviceUrl: comments.serviceUrl,
      timeoutMs: comments.loaderTimeoutMs,
      offlineOk: comments.offlineOk,
    }),
    schema: z.object({
      id: z.string().min(1),
      article: z.string().regex(articleIdPattern),
      parent: z.string().nullable(),
      name: z
        .string()
        .trim()
        .min(1)
        .refine((name) => characterCount(name) <= limits.name),
      website: z
        .string()
        .nullable()
        .transform((value) => safeWebsite(value)),
      comment: z
        .string()
        .trim()
        .min(1)
        .refine((comment) => characterCount(comment) <= limits.comment),
      createdAt: z.coerce.date(),
    }),
  });
}
