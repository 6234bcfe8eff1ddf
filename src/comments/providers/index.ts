import type { ProviderName } from '../config.ts';
import { formspreeProvider } from './formspree.ts';
import { netlifyProvider } from './netlify.ts';
import { noneProvider } from './none.ts';
import { serviceProvider } from './service.ts';
import { staticmanProvider } from './staticman.ts';
import type { CommentProvider } from './types.ts';

export type { CommentProvider, FormContext, FormField, FormMarkup, SubmitOutcome } from './types.ts';

export const providers: Record<ProviderName, CommentProvider> = {
  service: serviceProvider,
  netlify: netlifyProvider,
  formspree: formspreeProvider,
  staticman: staticmanProvider,
  none: noneProvider,
};
