import { CARD_HEIGHT, CARD_WIDTH, LOGO_SIZE } from './card.ts';

/** One generated image: its file under /share/ and what the page declares about it. */
export interface ShareImageFile {
  file: string;
  width: number;
  height: number;
  type: 'image/png' | 'image/jpeg';
}

/** An article's share image: a drawn PNG card, or a JPEG made from its own image when it has one. */
export function articleShareImage(id: string, hasOwnImage: boolean): ShareImageFile {
  return hasOwnImage
    ? { file: `articles/${id}.jpg`, width: CARD_WIDTH, height: CARD_HEIGHT, type: 'image/jpeg' }
    : { file: `articles/${id}.png`, width: CARD_WIDTH, height: CARD_HEIGHT, type: 'image/png' };
}

/** The card for pages that are not articles (front, topics, authors, archive). */
export const siteShareImage: ShareImageFile = {
  file: 'site.png',
  width: CARD_WIDTH,
  height: CARD_HEIGHT,
  type: 'image/png',
};

/** The square publisher logo named in structured data. */
export const logoImage: ShareImageFile = { file: 'logo.png', width: LOGO_SIZE, height: LOGO_SIZE, type: 'image/png' };
