import { urlencoded, type CommentProvider } from './types.ts';

/** The form's name in Netlify's dashboard; the same on every article (the article is a field). */
const netlifyFormName = 'comments';

/**
 * Netlify Forms: Netlify finds the form in the built HTML by `data-netlify`, stores
 * submissions, and filters bots with the `netlify-honeypot` field.
 * https://docs.netlify.com/forms/setup/
 */
export const provider: CommentProvider = {
  name: 'netlify',
  accepts: true,
  fieldNames: { comment: 'comment', name: 'name', email: 'email', website: 'website', parent: 'parent' },
  form: ({ articleId, articlePath }) => ({
    // Without JavaScript Netlify shows this page (the article) after a successful post.
    action: `${articlePath}#comments-received`,
    attributes: { name: netlifyFormName, 'data-netlify': 'true', 'netlify-honeypot': 'bot-field' },
    hidden: { 'form-name': netlifyFormName, article: articleId },
    honeypot: 'bot-field',
    listUrl: null,
  }),
  // Netlify's documented AJAX submission: urlencoded POST to "/".
  request: (_action, data) => ({
    url: '/',
    init: { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: urlencoded(data) },
  }),
  read: async (response) => (response.ok ? { ok: true, status: 'received' } : { ok: false }),
};
