import type { Root } from 'hast';
import { visit } from 'unist-util-visit';

/**
 * Makes every code block (`<pre>`) focusable, so that keyboard users can scroll a long line
 * sideways inside its own box (src/styles/global.css), which never widens the page.
 */
export function rehypeCodeScroll() {
  return (tree: Root) => {
    visit(tree, 'element', (node) => {
      if (node.tagName === 'pre') node.properties.tabIndex = 0;
    });
  };
}
