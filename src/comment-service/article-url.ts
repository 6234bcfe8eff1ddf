/** The public URL of an article (and of one comment on it), for e-mails, the spam check and the moderation page. */
export function articleUrl(siteUrl: string | null, article: string, commentId?: string): string | null {
  if (!siteUrl) return null;
  const url = new URL(`articles/${article}/`, siteUrl);
  if (commentId) url.hash = `comment-${commentId}`;
  return url.href;
}
