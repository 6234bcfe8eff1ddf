/**
 * The third-party origin the comment form talks to, for the Content-Security-Policy
 * (`form-action`, `connect-src`). It comes from the comments feature's own settings
 * (COMMENTS_PROVIDER and COMMENTS_ENDPOINT, resolved in src/comments/config.ts), so the
 * form's `action` and the policy can never disagree. Netlify Forms post to the site
 * itself and `none` has no form: then there is no extra origin.
 */
import { resolveSiteConfig } from '../comments/config.ts';

export function commentsOrigin(env: Record<string, string | undefined> = process.env): string | undefined {
  const { provider, endpoint } = resolveSiteConfig({ provider: env.COMMENTS_PROVIDER, endpoint: env.COMMENTS_ENDPOINT });
  if (provider === 'netlify' || provider === 'none' || !endpoint) return undefined;
  return new URL(endpoint).origin;
}
