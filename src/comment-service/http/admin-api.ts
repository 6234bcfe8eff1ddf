/**
 * What scripts call under /api/, with `Authorization: Bearer <COMMENTS_ADMIN_TOKEN>`: list by
 * status, approve, reject or mark as spam, delete (with replies), erase an e-mail address, export.
 * A bearer token and never a cookie, so no request from a page can carry it: no CSRF, no CORS.
 * The same routes under /admin/ (before the API had its own prefix) still answer, marked deprecated.
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
} from '../../comments/protocol.ts';
import { actions, deleteComment, isAction, moderate, type ModerationDeps } from '../moderation.ts';
import type { ModerationRecords } from '../store/store.ts';

export interface AdminApiDeps extends ModerationDeps {
  store: ModerationDeps['store'] & ModerationRecords;
  config: { adminToken: string | null };
}

/** Where the API lives, and where it lived before (still answered, with a Deprecation header). */
export const apiPrefix = '/api';
export const deprecatedApiPrefix = '/admin';

const publicPart = ({ id, article, parent, name, website, comment, createdAt }: AdminComment): PublicComment => ({
  id,
  article,
  parent,
  name,
  website,
  comment,
  createdAt,
});

/** The bearer-token API; `deprecated` marks every answer as coming from the old paths. */
export function adminApi(deps: AdminApiDeps, deprecated = false): Hono {
  const { store, config } = deps;
  const app = new Hono();

  app.use('/:area{comments|export}/*', async (c, next) => {
    c.header('Cache-Control', 'no-store');
    if (deprecated) {
      c.header('Deprecation', 'true');
      c.header(
        'Link',
        `<${apiPrefix}${new URL(c.req.url).pathname.slice(deprecatedApiPrefix.length)}>; rel="successor-version"`,
      );
    }
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
    if (!isAction(action)) return c.json({ error: 'action must be approve, reject or spam' }, 404);
    if (!commentIdPattern.test(id)) return c.json({ error: 'No such comment' }, 404);
    const status = actions[action];
    if (!(await moderate(deps, id, status))) return c.json({ error: 'No such comment' }, 404);
    return c.json({ id, status });
  });

  app.delete('/comments/:id', async (c) => {
    const id = c.req.param('id');
    const deleted = commentIdPattern.test(id) ? await deleteComment(deps, id) : 0;
    return deleted > 0 ? c.json({ deleted }) : c.json({ error: 'No such comment' }, 404);
  });

  // Privacy requests: DELETE /api/comments?email=someone@example.com
  app.delete('/comments', async (c) => {
    const email = c.req.query('email')?.trim();
    if (!email) return c.json({ error: `Give the email address: DELETE ${apiPrefix}/comments?email=...` }, 400);
    const deleted = await store.deleteByEmail(email);
    if (deleted > 0) await deps.publicChanged();
    return c.json({ deleted });
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
