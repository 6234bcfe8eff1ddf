import { describe, expect, it } from 'vitest';
import { bodyProblem } from '../../../src/cms/entry-check.ts';
import { lostMdx } from '../../../src/cms/mdx-preservation.ts';
import {
  figureFromBlock,
  figurePattern,
  figureToBlock,
  figureToPreview,
  galleryFromBlock,
  galleryPattern,
  galleryToBlock,
  galleryToPreview,
} from '../../../src/cms/media-blocks.ts';

/** Decap anchors block patterns at the start of the block. */
const matchAt = (pattern: RegExp, text: string) => new RegExp(`^${pattern.source}`).exec(text)!;
const assetUrl = (path: string) => `blob:admin/${path}`;

describe('the photo and gallery blocks of the admin', () => {
  it('write a figure relative to the article, with alt text, caption and credit, and read it back', async () => {
    const block = figureToBlock({
      image: 'images/quay.jpg',
      alt: 'Cranes "at dusk"',
      caption: 'The quay.',
      credit: '',
    });
    expect(block).toBe('<Figure src="./images/quay.jpg" alt="Cranes &quot;at dusk&quot;" caption="The quay." />');
    expect(figureToBlock(figureFromBlock(matchAt(figurePattern, block)))).toBe(block);
    expect(await bodyProblem(`Text.\n\n${block}\n`)).toBeNull();
  });

  it('write a gallery in the form docs/components.md shows, and read it back', async () => {
    const block = galleryToBlock({
      caption: 'The quay on its first day.',
      photos: [
        { image: './images/a.jpg', alt: 'A ship', caption: '', credit: 'Agency' },
        { image: 'images/b.jpg', alt: 'The quay at dusk', caption: 'Dusk.', credit: '' },
      ],
    });
    expect(block).toBe(
      '<Gallery caption="The quay on its first day.">\n' +
        '  <Figure src="./images/a.jpg" alt="A ship" credit="Agency" />\n' +
        '  <Figure src="./images/b.jpg" alt="The quay at dusk" caption="Dusk." />\n' +
        '</Gallery>',
    );
    const read = galleryFromBlock(matchAt(galleryPattern, `${block}\n\nNext paragraph.`));
    expect(read.photos.map((photo) => photo.alt)).toEqual(['A ship', 'The quay at dusk']);
    expect(galleryToBlock(read)).toBe(block);
    expect(await bodyProblem(`${block}\n`)).toBeNull();
  });

  it('a photo left without alt text is refused by the save guard, as the build refuses it', async () => {
    const block = figureToBlock({ image: 'images/quay.jpg', alt: ' ' });
    expect(await bodyProblem(`Text.\n\n${block}\n`)).toMatch(/<Figure> at line 3 needs an alt text/);
    const gallery = galleryToBlock({ photos: [{ image: 'images/a.jpg', alt: '', caption: '', credit: '' }] });
    expect(await bodyProblem(gallery)).toMatch(/<Figure> at line 2 needs an alt text/);
  });

  it('preview in the site’s markup, with the image the admin holds', () => {
    expect(figureToPreview({ image: 'images/a.jpg', alt: 'A ship', credit: 'Agency' }, assetUrl)).toBe(
      '<figure class="media-figure"><img src="blob:admin/images/a.jpg" alt="A ship">' +
        '<figcaption class="meta"><span class="credit">Agency</span></figcaption></figure>',
    );
    expect(galleryToPreview({ caption: 'Two', photos: [] }, assetUrl)).toContain('class="gallery"');
  });

  it('a hand-written figure the block cannot show is noticed when an edit would rewrite it', () => {
    const before = 'Text.\n\n<Figure src="./images/a.jpg" alt="A" sizes="50vw" />\n';
    const after = 'Text!\n\n<Figure src="./images/a.jpg" alt="A" />\n';
    expect(lostMdx(before, after)).toEqual(['a <Figure> with attributes the photo block cannot show']);
    const plain = 'Text.\n\n<Figure src="./images/a.jpg" alt="A" />\n';
    expect(lostMdx(plain, plain.replace('Text.', 'Text!'))).toEqual([]);
  });
});
