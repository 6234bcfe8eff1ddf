/** Build settings the share-images integration (integration.ts) hands to pages and endpoints. */
declare module 'virtual:meridian/share-images' {
  /** The project folder (its node_modules hold the share-image fonts). */
  export const projectRoot: string;
  /** Folder for drawn share images, inside Astro's cacheDir. */
  export const shareImageCacheDir: string;
}
