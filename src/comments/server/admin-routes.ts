/**
 * What scripts call, with `Authorization: Bearer <COMMENTS_ADMIN_TOKEN>`: list by status,
 * approve, reject or mark as spam, delete (with replies), erase an email address, export.
 * A bearer token and never a cookie, so no request from a page can carry it: no CSRF, no CORS.
 */
import { Hono } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import {
  commentIdPattern,
  statuses,
  type AdminComment,
  type CommentStatus,
  type ErrorResponse,
  type PublicComment,
} from '../protocol.ts';
import type { ServiceOptions } from './app.ts';
import { moderate, type Notifier } from './notifications.ts';

/** The API's paths: the moderation page's routes never take a bearer token, these never a cookie. */
export const apiPaths = '/:area{comments|export}/*';
export const isApiPath = (pathname: string) => /^\/admin\/(comments|export)(\/|$)/.test(pathname);

/** A moderation action's name (in paths and forms) and the status it sets. */
export const actions = { approve: 'approved', reject: 'rejected', spam: 'spam' } as const satisfies Record<
  string,
  CommentStatus
>;

const publicPart = ({ id, article, parent, name, website, comment, createdAt }: AdminComment): PublicComment => ({
  id,
  article,
  parent,
  name,
  website,
  comment,
  createdAt,
});

/** The bearer-token API, mounted under /admin beside the moderation page (moderation-routes.ts). */
export function adminRoutes({ store, config }: ServiceOptions, notifier: Notifier): Hono {
  const app = new Hono();

  app.use(apiPaths, async (c, next) => {
    c.header('Cache-Control', 'no-store');
    if (!config.adminToken) {
      return c.json(
        { error: 'Moderation is disabled: start the service with COMMENTS_ADMIN_TOKEN set' } satisfies ErrorResponse,
        503,
      );
    }
    return bearerAuth({
      token: config.adminToken,
      invalidTokenMessage: { error: 'Invalid admin token' },
      noAuthenticationHeaderMessage: { error: 'Send Authorization: Bearer <COMMENTS_ADMIN_TOKEN>' },
      invalidAuthenticationHeaderMessage: { error: 'Send Authorization: Bearer <COMMENTS_ADMIN_TOKEN>' },
    })(c, next);
  });

  app.get('/comments', async (c) => {
    const status = (c.req.query('status') ?? 'pending') as CommentStatus;
    if (!statuses.includes(status)) return c.json({ error: `status must be one of ${statuses.join(', ')}` }, 400);
    return c.json({ status, comments: await store.byStatus(status) });
  });

  app.post('/comments/:id/:action', async (c) => {
    const { id, action } = c.req.param();
    if (!Object.hasOwn(actions, action)) return c.json({ error: 'action must be approve, reject or spam' }, 404);
    if (!commentIdPattern.test(id)) return c.json({ error: 'No such comment' }, 404);
    const status = actions[action as keyof typeof actions];
    if (!(await moderate(store, notifier, id, status))) return c.json({ error: 'No such comment' }, 404);
    return c.json({ id, status });
  });

  app.delete('/comments/:id', async (c) => {
    const id = c.req.param('id');
    const deleted = commentIdPattern.test(id) ? await store.delete(id) : 0;
    return deleted > 0 ? c.json({ deleted }) : c.json({ error: 'No such comment' }, 404);
  });

  // Privacy requests: DELETE /admin/comments?email=someone@example.com
  app.delete('/comments', async (c) => {
    const email = c.req.query('email')?.trim();
    if (!email) return c.json({ error: 'Give the email address: DELETE /admin/comments?email=...' }, 400);
    return c.json({ deleted: await store.deleteByEmail(email) });
  });

  // Everything, for backups and moving to another service: never to be committed anywhere public.
  app.get('/export', async (c) => c.json({ exportedAt: new Date().toISOString(), comments: await store.all() }));

  // What may be committed to content/comments/: approved comments as readers see them.
  app.get('/export/public', async (c) => {
    const comments = (await store.all()).filter((comment) => comment.status === 'approved').map(publicPart);
    return c.json({ exportedAt: new Date().toISOString(), comments });
  });

  return app;
}
