import { readJson, urlencoded, type CommentProvider } from './types.ts';

/**
 * Staticman v3: the form posts `fields[...]` and `options[...]` to
 * https://<host>/v3/entry/github/<user>/<repo>/<branch>/comments; Staticman commits each
 * comment as a data file (content/comments/<article>/<id>.yml, see docs/comments.md), which the
 * build reads. Staticman has no honeypot: its own spam filters (Akismet, reCAPTCHA) apply.
 * https://staticman.net/docs/api
 */
export const provider: CommentProvider = {
  name: 'staticman',
  accepts: true,
  fieldNames: {
    comment: 'fields[message]',
    name: 'fields[name]',
    email: 'fields[email]',
    website: 'fields[url]',
    parent: 'options[parent]',
  },
  form: ({ articleId, articleUrl, endpoint }) => ({
    action: endpoint,
    attributes: {},
    hidden: {
      'options[slug]': articleId,
      'options[redirect]': `${articleUrl}#comments-received`,
      'options[redirectError]': `${articleUrl}#comments-error`,
    },
    honeypot: null,
    listUrl: null,
  }),
  request: (action, data) => {
    // Without the redirect options Staticman answers with JSON.
    const body = new FormData();
    for (const [key, value] of data) if (!key.startsWith('options[redirect')) body.append(key, value);
    return {
      url: action,
      init: {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: urlencoded(body),
      },
    };
  },
  read: async (response) => {
    const body = await readJson(response);
    if (response.ok && body.success !== false) return { ok: true, status: 'received' };
    const message = body.message ?? (body.rawError as { message?: unknown } | undefined)?.message;
    return { ok: false, message: typeof message === 'string' ? message : undefined };
  },
};
