import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

const alignments = new Set(['left', 'center', 'right']);

/**
 * Turns the column alignment of GitHub tables (`| ---: |`) into a class on each cell
 * (`align-right`). Left alone it becomes an obsolete `align` attribute in Markdown and a
 * `style` attribute in MDX, which the Content-Security-Policy blocks (no inline styles).
 */
export function rehypeTableAlign() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'td' && node.tagName !== 'th') return;
      const align = node.properties?.align;
      if (typeof align !== 'string') return;
      delete node.properties.align;
      if (!alignments.has(align)) return;
      const existing = node.properties.className;
      const classes = Array.isArray(existing) ? existing : [];
      node.properties.className = [...classes, `align-${align}`];
    });
  };
}
