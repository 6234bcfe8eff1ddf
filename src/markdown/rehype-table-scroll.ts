import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

/**
 * Wraps every table in a focusable, labelled box that scrolls sideways, so a
 * wide table never makes the whole page scroll on a phone and keyboard users
 * can still scroll it.
 */
export function rehypeTableScroll() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'table' || !parent || index === undefined) return;
      if (parent.type === 'element' && parent.properties?.className?.toString().includes('table-scroll')) return;
      const wrapper: Element = {
        type: 'element',
        tagName: 'div',
        properties: { className: ['table-scroll'], tabIndex: 0, role: 'region', ariaLabel: 'Table' },
        children: [node],
      };
      parent.children[index] = wrapper;
    });
  };
}
