/**
 * The Figure and Gallery components as blocks in the admin's Markdown editor, like the pull
 * quote (pull-quote-block.ts). Photos are uploaded into the article's `images/` folder (the
 * collection's media folder), where the build resolves `./images/…` next to the article
 * (src/markdown/remark-media-components.ts). Each pattern matches what its toBlock writes, in
 * the form docs/components.md shows, so an unedited block is written back character for character.
 */

export interface PhotoData {
  /** The image as Decap's image widget gives it (`images/photo.jpg` or `./images/photo.jpg`). */
  image: string;
  alt: string;
  caption: string;
  credit: string;
}

export interface GalleryData {
  caption: string;
  photos: PhotoData[];
}

/** The attributes a figure block writes, in this order; a Figure with any other attribute is not a block. */
const figureAttributes = ['src', 'alt', 'caption', 'credit'] as const;

const attributeSource = `(?:\\s+(?:${figureAttributes.join('|')})="[^"]*")*`;
/** One `<Figure … />` as the block writes it (also used inside galleries). */

export const figurePattern = new RegExp(`<Figure${attributeSource}\\s*/>`);
export const galleryPattern = new RegExp(
  `<Gallery(?: caption="([^"]*)")?>\\n((?:[ \\t]*<Figure${attributeSource}\\s*/>\\n)*)</Gallery>`,
);

const unquote = (value: string | undefined) => (value ?? '').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
const quote = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
const escapeHtml = (value: string) => value.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`);

function attributesOf(tag: string): Record<string, string> {
  return Object.fromEntries([...tag.matchAll(/(\w+)="([^"]*)"/g)].map(([, name, value]) => [name!, unquote(value)]));
}

function photoFromTag(tag: string): PhotoData {
  const { src = '', alt = '', caption = '', credit = '' } = attributesOf(tag);
  return { image: src, alt, caption, credit };
}

/** The image path as the build wants it: relative to the article, starting with ./ or ../. */
export function articleRelative(image: string): string {
  const trimmed = image.trim();
  if (!trimmed || /^\.\.?\//.test(trimmed)) return trimmed;
  return `./${trimmed.replace(/^\/+/, '')}`;
}

function figureTagFor({ image, alt, caption, credit }: Partial<PhotoData>): string {
  const values: Record<string, string> = {
    src: articleRelative(image ?? ''),
    alt: alt ?? '',
    caption: caption ?? '',
    credit: credit ?? '',
  };
  // src and alt are always written, empty when missing, so the save guard can say what is missing.
  const written = figureAttributes.filter((name) => name === 'src' || name === 'alt' || values[name]!.trim());
  return `<Figure${written.map((name) => ` ${name}="${quote(values[name]!.trim())}"`).join('')} />`;
}

export const figureFromBlock = (match: RegExpMatchArray): PhotoData => photoFromTag(match[0]);
export const figureToBlock = (data: Partial<PhotoData>): string => figureTagFor(data);

export function galleryFromBlock(match: RegExpMatchArray): GalleryData {
  const tags = [...(match[2] ?? '').matchAll(new RegExp(figurePattern.source, 'g'))].map(([tag]) => tag);
  return { caption: unquote(match[1]), photos: tags.map(photoFromTag) };
}

/** Decap may hand the list over as an Immutable.js List. */
const photoList = (photos: unknown): Partial<PhotoData>[] =>
  Array.isArray(photos) ? photos : ((photos as { toJS?: () => Partial<PhotoData>[] } | undefined)?.toJS?.() ?? []);

export function galleryToBlock({ caption, photos }: Partial<GalleryData>): string {
  const captionAttribute = caption?.trim() ? ` caption="${quote(caption.trim())}"` : '';
  const figures = photoList(photos)
    .map((photo) => `  ${figureTagFor(photo)}\n`)
    .join('');
  return `<Gallery${captionAttribute}>\n${figures}</Gallery>`;
}

/** Decap's getAsset: the URL the admin can show for an image path (an upload not yet saved included). */
export type AssetUrl = (path: string) => string;

function photoPreview({ image, alt, caption, credit }: Partial<PhotoData>, assetUrl: AssetUrl): string {
  const src = image ? assetUrl(image) : '';
  const img = src
    ? `<img src="${escapeHtml(src)}" alt="${escapeHtml(alt ?? '')}">`
    : '<p class="meta">No photo chosen yet.</p>';
  const credited = credit ? `<span class="credit">${escapeHtml(credit)}</span>` : '';
  const captionHtml =
    caption || credit
      ? `<figcaption class="meta">${escapeHtml(caption ?? '')}${caption && credit ? ' ' : ''}${credited}</figcaption>`
      : '';
  return `<figure class="media-figure">${img}${captionHtml}</figure>`;
}

/** The editor's preview of a figure, in the site's markup (Figure.astro, PhotoCaption.astro). */
export const figureToPreview = (data: Partial<PhotoData>, assetUrl: AssetUrl) => photoPreview(data, assetUrl);

/** The editor's preview of a gallery, in the site's markup (Gallery.astro). */
export function galleryToPreview({ caption, photos }: Partial<GalleryData>, assetUrl: AssetUrl): string {
  const figures = photoList(photos)
    .map((photo) => photoPreview(photo, assetUrl))
    .join('');
  const captionHtml = caption ? `<figcaption class="meta">${escapeHtml(caption)}</figcaption>` : '';
  return `<figure class="gallery"><div class="gallery-grid">${figures}</div>${captionHtml}</figure>`;
}
