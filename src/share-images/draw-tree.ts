import { treeText, type CardNode } from './card.ts';
import { drawCard } from './draw.ts';
import { fontsFor } from './fonts.ts';
import { withPangoText } from './pango-text.ts';

/**
 * Draws a card's tree as the drawing workers do: text in scripts satori cannot shape is drawn
 * by Pango first (pango-text.ts), the rest by satori with the fonts the remaining text needs.
 */
export async function drawCardTree(
  projectRoot: string,
  tree: CardNode,
  width: number,
  height: number,
): Promise<Buffer> {
  const drawable = await withPangoText(projectRoot, tree);
  return drawCard(drawable, await fontsFor(projectRoot, treeText(drawable)), width, height);
}
