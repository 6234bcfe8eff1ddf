import { envField } from 'astro/config';
import { commentDefaults, providerNames } from './config.ts';

/** The comment settings read at build time through `astro:env` (used in astro.config.mjs). */
export const commentsEnvSchema = {
  COMMENTS_PROVIDER: envField.enum({
    context: 'client',
    access: 'public',
    values: [...providerNames],
    default: commentDefaults.provider,
  }),
  COMMENTS_ENDPOINT: envField.string({ context: 'client', access: 'public', optional: true }),
};
