/** The configured comment provider's module alone, for the page script (see integration.ts). */
declare module 'virtual:meridian/comment-provider' {
  export const provider: import('./providers/types.ts').CommentProvider;
}
