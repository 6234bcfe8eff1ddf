import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

/**
 * Wraps every table in a focusable, labelled box that scrolls sideways, so a
 * wide table never makes the whole page scroll on a phone and keyboard users
 * can still scroll it.
 */
export function rehypeTableScroll() {
  return (tree: Root) => {
    let tables = 0;
    visit(tree, 'element', (node: Element) => void (node.tagName === 'table' && (tables += 1)));
    let number = 0;
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'table' || !parent || index === undefined) return;
      if (parent.type === 'element' && parent.properties?.className?.toString().includes('table-scroll')) return;
      number += 1;
      // A labelled <section> is a region landmark; labels stay unique when an article has several tables.
      const wrapper: Element = {
        type: 'element',
        tagName: 'section',
        properties: { className: ['table-scroll'], tabIndex: 0, ariaLabel: tables > 1 ? `Table ${number}` : 'Table' },
        children: [node],
      };
      parent.children[index] = wrapper;
    });
  };
}
