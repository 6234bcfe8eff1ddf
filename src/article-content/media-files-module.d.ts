/** The module src/article-content/media-files.ts serves to the site's code. */
declare module 'virtual:meridian/article-media-files' {
  /** The URL of a file an article links, by its path relative to the project root. */
  export function mediaFileUrl(file: string): Promise<string>;
}
