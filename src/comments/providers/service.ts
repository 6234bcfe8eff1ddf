import { elapsedField, honeypotField, idempotencyField, notifyField, redirectField } from '../protocol.ts';
import { readJson, urlencoded, type CommentProvider, type FormField } from './types.ts';

/** The comment service protocol (the reference service in src/comment-service/, or anything speaking it). */
export const provider: CommentProvider = {
  name: 'service',
  accepts: true,
  fieldNames: { comment: 'comment', name: 'name', email: 'email', website: 'website', parent: 'parent' },
  form: ({ articleId, articleUrl, endpoint }) => ({
    action: `${endpoint}/comments`,
    attributes: {},
    // The key and the time since the page loaded are filled in by the page's script (enhance.ts).
    hidden: { article: articleId, [redirectField]: articleUrl, [idempotencyField]: '', [elapsedField]: '' },
    notify: notifyField,
    honeypot: honeypotField,
    listUrl: `${endpoint}/comments?article=${encodeURIComponent(articleId)}`,
  }),
  request: (action, data) => ({
    url: action,
    init: {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: urlencoded(data),
    },
  }),
  read: async (response) => {
    const body = await readJson(response);
    if (response.status === 201) {
      return { ok: true, status: body.status === 'approved' ? 'approved' : 'pending', id: String(body.id) };
    }
    return {
      ok: false,
      message: typeof body.error === 'string' ? body.error : undefined,
      fields: (body.fields ?? undefined) as Partial<Record<FormField, string>> | undefined,
    };
  },
};
