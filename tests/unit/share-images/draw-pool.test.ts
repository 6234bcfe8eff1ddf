import { describe, expect, it } from 'vitest';
import { cardTree, logoTree, treeText } from '../../../src/share-images/card.ts';
import { drawCard } from '../../../src/share-images/draw.ts';
import { DrawPool } from '../../../src/share-images/draw-pool.ts';
import { fontsFor } from '../../../src/share-images/fonts.ts';
import { projectRoot } from '../../support/project.ts';

describe('the drawing pool', () => {
  it('draws on worker threads exactly what drawing in the build process draws', async () => {
    const pool = new DrawPool(projectRoot, 2);
    const cards = [
      {
        tree: cardTree({
          headline: 'Ministers meet at the border',
          dek: 'Talks resume.',
          siteName: 'The Meridian',
          siteHost: 'news.example.com',
        }),
        width: 1200,
        height: 630,
      },
      { tree: logoTree('The Meridian'), width: 600, height: 600 },
    ];
    const drawn = await Promise.all(cards.map(({ tree, width, height }) => pool.draw(tree, width, height)));
    for (const [i, { tree, width, height }] of cards.entries()) {
      const direct = await drawCard(tree, await fontsFor(projectRoot, treeText(tree)), width, height);
      expect(Buffer.compare(drawn[i]!.image, direct)).toBe(0);
      // The drawing time is reported for the build's log; its size is not the test's business.
      expect(Number.isFinite(drawn[i]!.ms) && drawn[i]!.ms >= 0).toBe(true);
    }
  });
});
