/** The configured comment provider's module alone, for the page script (see integration.ts). */
declare module 'virtual:meridian/comment-provider' {
  // An ambient module cannot `import` by relative path (TS2439), so the type is named with import().
  // eslint-disable-next-line @typescript-eslint/consistent-type-imports
  export const provider: import('./providers/types.ts').CommentProvider;
}
