/**
 * Every comment backend the site can post to, by the name COMMENTS_PROVIDER takes. Adding one:
 * a module `<name>.ts` exporting `provider` (see types.ts), and its line here. The page script
 * loads only the configured provider's module (see ../integration.ts), so each module stands alone.
 */
import { provider as formspree } from './formspree.ts';
import { provider as netlify } from './netlify.ts';
import { provider as none } from './none.ts';
import { provider as service } from './service.ts';
import { provider as staticman } from './staticman.ts';
import type { CommentProvider } from './types.ts';

export type { CommentProvider, FormContext, FormField, FormMarkup, SubmitOutcome } from './types.ts';

export const providers = { service, netlify, formspree, staticman, none } satisfies Record<string, CommentProvider>;

export type ProviderName = keyof typeof providers;
export const providerNames = Object.keys(providers) as ProviderName[];
