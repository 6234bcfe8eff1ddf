import { readJson, type CommentProvider, type FormField } from './types.ts';

/**
 * Formspree-style form backends: the form posts to the form URL; `_gotcha` is the honeypot;
 * with `Accept: application/json` the answer is JSON instead of a redirect.
 * https://help.formspree.io/hc/en-us/articles/360013470814
 */
export const provider: CommentProvider = {
  name: 'formspree',
  accepts: true,
  fieldNames: { comment: 'comment', name: 'name', email: 'email', website: 'website', parent: 'parent' },
  form: ({ articleId, articleUrl, endpoint }) => ({
    action: endpoint,
    attributes: {},
    hidden: { article: articleId, _subject: `New comment on ${articleId}`, _next: `${articleUrl}#comments-received` },
    honeypot: '_gotcha',
    listUrl: null,
  }),
  request: (action, data) => ({
    url: action,
    init: { method: 'POST', headers: { Accept: 'application/json' }, body: data },
  }),
  read: async (response) => {
    if (response.ok) return { ok: true, status: 'received' };
    const body = await readJson(response);
    const errors = Array.isArray(body.errors) ? (body.errors as { field?: string; message?: string }[]) : [];
    const fields: Partial<Record<FormField, string>> = {};
    for (const error of errors) {
      if (error.field && error.message && error.field in provider.fieldNames)
        fields[error.field as FormField] = error.message;
    }
    return {
      ok: false,
      message:
        errors.find((error) => !error.field)?.message ?? (typeof body.error === 'string' ? body.error : undefined),
      fields,
    };
  },
};
