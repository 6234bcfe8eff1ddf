/** The configured comment provider's module alone, for the page script (see integration.ts). */
declare module 'virtual:meridian/comment-provider' {
  import type { CommentProvider } from './providers/types.ts';
  export const provider: CommentProvider;
}
