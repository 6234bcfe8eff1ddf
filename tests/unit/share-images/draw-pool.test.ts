import { describe, expect, it } from 'vitest';
import { cardTree, logoTree, treeText } from '../../../src/share-images/card.ts';
import { drawCard } from '../../../src/share-images/draw.ts';
import { DrawPool } from '../../../src/share-images/draw-pool.ts';
import { fontsFor } from '../../../src/share-images/fonts.ts';
import { projectRoot } from '../../support/project.ts';

describe('the drawing pool', () => {
  it('draws on worker threads exactly what drawing in the build process draws', async () => {
    const pool = new DrawPool(projectRoot, 2);
    const trees = [
      cardTree({ headline: 'Ministers meet at the border', dek: 'Talks resume.', siteName: 'The Meridian', siteHost: 'news.example.com' }),
      logoTree('The Meridian'),
    ];
    const sizes = [
      [1200, 630],
      [600, 600],
    ] as const;
    const drawn = await Promise.all(trees.map((tree, i) => pool.draw(tree, ...sizes[i]!)));
    for (const [i, tree] of trees.entries()) {
      const direct = await drawCard(tree, await fontsFor(projectRoot, treeText(tree)), ...sizes[i]!);
      expect(Buffer.compare(drawn[i]!.image, direct)).toBe(0);
      expect(drawn[i]!.ms).toBeGreaterThan(0);
    }
  });
});
