import type { CommentProvider } from './types.ts';

/** No comment backend: no form; the page says "Comments are closed." */
export const provider: CommentProvider = {
  name: 'none',
  accepts: false,
  fieldNames: { comment: 'comment', name: 'name', email: 'email', website: 'website', parent: 'parent' },
  form: () => {
    throw new Error('The "none" comment provider has no form');
  },
  request: () => {
    throw new Error('The "none" comment provider has no form');
  },
  read: async () => ({ ok: false }),
};
