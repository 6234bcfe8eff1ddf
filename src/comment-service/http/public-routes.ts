/**
 * What readers' browsers call: health, the approved comments of one article or of all (the build
 * reads those), a page at a time, and posting a comment (post-comment.ts). Posts are accepted only
 * from allowed origins; reads are public and cached briefly.
 */
import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import { etag, RETAINED_304_HEADERS } from 'hono/etag';
import { articleIdPattern, limits, type ErrorResponse, type ListResponse } from '../../comments/protocol.ts';
import { isStorageFault } from '../store/storage-fault.ts';
import type { StorageHealth } from '../store/store.ts';
import { postCommentHandler, type PostCommentDeps } from './post-comment.ts';
import { noStore } from './request.ts';

export interface PublicRoutesDeps extends PostCommentDeps {
  store: PostCommentDeps['store'] & Pick<StorageHealth, 'check'>;
  config: PostCommentDeps['config'] & { healthWrite: boolean };
}

/** A page size from `limit` (the default when absent); null when it is not one. */
function pageSize(c: Context, fallback: number): number | null {
  const text = c.req.query('limit');
  if (text === undefined) return fallback;
  const limit = Number(text);
  return Number.isInteger(limit) && limit >= 1 && limit <= limits.maxPageSize ? limit : null;
}

export function publicRoutes(deps: PublicRoutesDeps): Hono {
  const { store, config, faults } = deps;
  const app = new Hono();
  const allowed = new Set(config.allowedOrigins);

  app.get('/health', async (c) => {
    noStore(c);
    try {
      await store.check(config.healthWrite);
      return c.json({ ok: true });
    } catch (error) {
      if (!isStorageFault(error)) throw error;
      faults.report(error);
      return c.json({ ok: false, error: 'The comment database cannot be used' }, 503);
    }
  });

  app.use(
    '/comments',
    cors({
      origin: (origin) => (allowed.has(origin) ? origin : null),
      allowMethods: ['GET', 'POST'],
      allowHeaders: ['Content-Type', 'Accept'],
      maxAge: 600,
    }),
  );

  // A 304 must keep the CORS header: without it a browser revalidating from a second allowed origin is refused.
  const revalidatingEtag = etag({ retainedHeaders: [...RETAINED_304_HEADERS, 'access-control-allow-origin'] });
  app.get('/comments', revalidatingEtag, async (c) => {
    const article = c.req.query('article');
    c.header('Cache-Control', 'public, max-age=30, must-revalidate');
    if (article !== undefined && !articleIdPattern.test(article))
      return c.json({ error: 'article must be an article id' } satisfies ErrorResponse, 400);
    const limit = pageSize(c, article === undefined ? limits.pageSize : limits.threadPageSize);
    if (limit === null)
      return c.json(
        { error: `limit must be a whole number from 1 to ${limits.maxPageSize}` } satisfies ErrorResponse,
        400,
      );
    const cursor = c.req.query('cursor') ?? null;
    const page =
      article === undefined ? await store.approvedPage(cursor, limit) : await store.approved(article, cursor, limit);
    return c.json({ article: article ?? null, comments: page.items, next: page.next } satisfies ListResponse);
  });

  app.post('/comments', postCommentHandler(deps));
  return app;
}
